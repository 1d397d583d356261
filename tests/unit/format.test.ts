import { describe, expect, it } from 'vitest';
import { formatMagnitude, formatNumber, log10Ratio, plainTick, powerOfTenInWords, superscript, texNumber } from '../../src/lib/format';
import { pow10Label } from '../../src/lib/viz/ticks';

describe('formatNumber', () => {
	it('prints three significant digits with a real minus sign', () => {
		expect(formatNumber(0.08912)).toBe('0.0891');
		expect(formatNumber(-6.13)).toBe('−6.13');
		expect(formatNumber(1234.5)).toBe('1230');
		expect(formatNumber(0.5)).toBe('0.5');
		expect(formatNumber(2.71828, 2)).toBe('2.7');
	});

	it('switches to ×10ⁿ below 10⁻³ and from 10⁴ on', () => {
		expect(formatNumber(0.001)).toBe('0.001');
		expect(formatNumber(2.3e-5)).toBe('2.30×10⁻⁵');
		expect(formatNumber(-3.1e-7)).toBe('−3.10×10⁻⁷');
		expect(formatNumber(9990)).toBe('9990');
		expect(formatNumber(9999)).toBe('10000'); // rounded to 3 digits, still below 10⁴
		expect(formatNumber(12345)).toBe('1.23×10⁴');
		expect(formatNumber(6.02e23, 2)).toBe('6.0×10²³');
	});

	it('rounds a mantissa up into the next power without printing 10.0', () => {
		expect(formatNumber(9.9996e-5)).toBe('1.00×10⁻⁴');
	});

	it('reads rounding noise as 0 and names the non-finite values', () => {
		expect(formatNumber(0)).toBe('0');
		expect(formatNumber(-4e-17)).toBe('0');
		expect(formatNumber(Infinity)).toBe('∞');
		expect(formatNumber(-Infinity)).toBe('−∞');
		expect(formatNumber(NaN)).toBe('—');
	});
});

describe('formatMagnitude', () => {
	it('writes a genuinely tiny value instead of 0 (a gradient norm deep in a sigmoid stack)', () => {
		expect(formatNumber(3.2e-19)).toBe('0');
		expect(formatMagnitude(3.2e-19)).toBe('3.20×10⁻¹⁹');
		expect(formatMagnitude(0)).toBe('0');
		expect(formatMagnitude(0.5)).toBe(formatNumber(0.5));
	});
});

describe('texNumber', () => {
	it('writes the same values for KaTeX', () => {
		expect(texNumber(0.862)).toBe('0.862');
		expect(texNumber(-1.2)).toBe('-1.2');
		expect(texNumber(2.3e-5)).toBe('2.30 \\times 10^{-5}');
		expect(texNumber(45678)).toBe('4.57 \\times 10^{4}');
	});

	it('writes a bare power of ten without "1.00 ×"', () => {
		expect(texNumber(1e-5)).toBe('10^{-5}');
		expect(texNumber(-1e6)).toBe('-10^{6}');
	});

	it('names the non-finite values', () => {
		expect(texNumber(Infinity)).toBe('\\infty');
		expect(texNumber(-Infinity)).toBe('-\\infty');
		expect(texNumber(NaN)).toBe('\\text{—}');
		expect(texNumber(1e-15)).toBe('0');
	});
});

describe('superscript and friends', () => {
	it('writes exponents in superscript digits', () => {
		expect(superscript(-12)).toBe('⁻¹²');
		expect(superscript(305)).toBe('³⁰⁵');
		expect(pow10Label(-6)).toBe('10⁻⁶');
	});

	it('labels log ticks of sizes plainly and rounds log ratios to one decimal', () => {
		expect(plainTick(1000)).toBe('1000');
		expect(plainTick(0.30000000000000004)).toBe('0.3');
		expect(plainTick('a')).toBe('a');
		expect(log10Ratio(1, 2e-5)).toBe(4.7);
		expect(log10Ratio(3e-3, 1)).toBe(-2.5);
	});
});

describe('powerOfTenInWords', () => {
	it('says a power of ten in words, with a true minus sign', () => {
		expect(powerOfTenInWords(-12.2)).toBe('10 to the power \u221212.2');
		expect(powerOfTenInWords(0.5)).toBe('10 to the power 0.5');
		expect(powerOfTenInWords(3)).toBe('10 to the power 3');
	});
});
