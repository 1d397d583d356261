/** An answer as a reader reads it, for the reveal and the interview summary. */
import { formatNumber } from '$lib/format';
import type { Answer, AnswerKind } from './types';

export function answerText(kind: AnswerKind, answer: Answer): string {
	switch (answer.kind) {
		case 'choice':
			return kind.kind === 'choice' ? (kind.options.find((o) => o.id === answer.id)?.label ?? answer.id) : answer.id;
		case 'number':
		case 'marker': {
			const unit = kind.kind === 'number' && kind.unit ? ` ${kind.unit}` : '';
			return `${formatNumber(answer.value)}${unit}`;
		}
		case 'cells': {
			if (answer.cells.length === 0) return 'none';
			const rowLabels = kind.kind === 'cells' ? kind.rowLabels : undefined;
			const colLabels = kind.kind === 'cells' ? kind.colLabels : undefined;
			return [...answer.cells]
				.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
				.map((cell) => {
					const [r, c] = cell.split(',').map(Number);
					return `${rowLabels?.[r] ?? `row ${r + 1}`} × ${colLabels?.[c] ?? `column ${c + 1}`}`;
				})
				.join(', ');
		}
	}
}
