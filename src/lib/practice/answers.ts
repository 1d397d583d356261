/**
 * Reading and showing answers: a typed number ("1e-9", "10^-9", "10⁻⁹", "−3.5"), and any answer
 * as a reader reads it. Pure, shared by the checkpoint component and the practice deck.
 */
import { formatNumber } from '$lib/format';
import type { Answer, AnswerKind } from './types';

const SUPER: Record<string, string> = { '⁻': '-', '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '·': '.' };

/** A number typed by a reader, or null when it is not one. Accepts "10^-9", "10⁻⁹", "1e-9", "−2". */
export function parseNumber(text: string): number | null {
	const s = text
		.trim()
		.replace(/[−–]/g, '-')
		.replace(/[⁻⁰¹²³⁴⁵⁶⁷⁸⁹·]+/g, (m) => '^' + [...m].map((c) => SUPER[c]).join(''))
		.replace(/\s+/g, '')
		.replace(/[×x*]/g, '*');
	if (s === '') return null;
	// "a*10^b", "10^b"
	const power = /^(?:([-+]?\d*\.?\d+)\*)?10\^\(?([-+]?\d*\.?\d+)\)?$/.exec(s);
	if (power) {
		const v = (power[1] === undefined ? 1 : Number(power[1])) * 10 ** Number(power[2]);
		return Number.isFinite(v) ? v : null;
	}
	if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
	const v = Number(s);
	return Number.isFinite(v) ? v : null;
}

/** "row,col" of a cell, 0-based, as `Answer` stores it. */
export const cellKey = (row: number, col: number): string => `${row},${col}`;

function cellLabel(kind: Extract<AnswerKind, { kind: 'cells' }>, key: string): string {
	const [r, c] = key.split(',').map(Number);
	const row = kind.rowLabels?.[r] ?? (kind.rows > 1 ? `row ${r + 1}` : '');
	const col = kind.colLabels?.[c] ?? (kind.cols > 1 ? `column ${c + 1}` : '');
	return [row, col].filter(Boolean).join(', ');
}

/** An answer as a reader reads it: the option's label, the number with its unit, the cells named. */
export function showAnswer(kind: AnswerKind, answer: Answer): string {
	switch (answer.kind) {
		case 'choice':
			return kind.kind === 'choice' ? (kind.options.find((o) => o.id === answer.id)?.label ?? answer.id) : answer.id;
		case 'number':
		case 'marker': {
			const unit = kind.kind === 'number' && kind.unit ? ` ${kind.unit}` : '';
			// Trailing zeros of a mantissa say nothing about a reader's guess: 2×10⁻⁹, not 2.00×10⁻⁹.
			return `${formatNumber(answer.value).replace(/\.?0+(?=×)/, '')}${unit}`;
		}
		case 'cells': {
			if (answer.cells.length === 0) return 'none';
			if (kind.kind !== 'cells') return answer.cells.join('; ');
			const sorted = [...answer.cells].sort((a, b) => {
				const [ar, ac] = a.split(',').map(Number);
				const [br, bc] = b.split(',').map(Number);
				return ar - br || ac - bc;
			});
			return sorted.map((k) => cellLabel(kind, k)).join('; ');
		}
	}
}

/** How close counts, in words: "within a factor of 10", "within ± 2". */
export function toleranceText(kind: AnswerKind): string | null {
	if (kind.kind !== 'number' && kind.kind !== 'marker') return null;
	return kind.scale === 'log' ? `within a factor of ${formatNumber(kind.tolerance)}` : `within ±${formatNumber(kind.tolerance)}`;
}
