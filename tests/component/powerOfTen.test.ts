/** Powers of ten in running text: a true superscript with a full stop, never the raised dot. */
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/svelte';
import PowerOfTen from '$lib/ui/PowerOfTen.svelte';

describe('PowerOfTen', () => {
	it('writes 10^−12.2 with the exponent in <sup>, a minus sign and a full stop', () => {
		const { container } = render(PowerOfTen, { exponent: -12.2 });
		expect(container.querySelector('sup')?.textContent).toBe('−12.2');
		expect(container.textContent?.trim()).toBe('10−12.2');
		expect(container.textContent).not.toContain('·');
	});

	it('writes a positive or whole exponent as it is', () => {
		expect(render(PowerOfTen, { exponent: 3 }).container.querySelector('sup')?.textContent).toBe('3');
		expect(render(PowerOfTen, { exponent: 0.5 }).container.querySelector('sup')?.textContent).toBe('0.5');
	});
});
