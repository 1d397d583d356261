import { describe, expect, test } from 'vitest';
import { resizeMessages } from '../../src/lib/ui/embedMessages';
import { inSpeakerView } from '../../src/lib/ui/speakerView';

describe('resize messages', () => {
	test('one per protocol: ours, Embedly’s JSON string with the framed src, AMP’s embed-size', () => {
		const messages = resizeMessages({ id: 'lab/fig', height: 612, href: 'https://x.org/embed/lab/fig?depth=3', src: 'https://x.org/embed/lab/fig' });
		expect(messages[0]).toEqual({ type: 'vlab:height', id: 'lab/fig', height: 612, href: 'https://x.org/embed/lab/fig?depth=3' });
		expect(typeof messages[1]).toBe('string');
		expect(JSON.parse(messages[1] as string)).toEqual({ context: 'iframe.resize', src: 'https://x.org/embed/lab/fig', height: 612 });
		expect(messages[2]).toEqual({ sentinel: 'amp', type: 'embed-size', height: 612 });
		expect(messages).toHaveLength(3);
	});
});

describe("reveal.js's speaker view", () => {
	test.each([
		['https://deck.example.org/talk.html?receiver&progress=false#/1/0', true],
		['https://deck.example.org/talk.html?x=1&receiver', true],
		['https://deck.example.org/talk.html#/1', false],
		['https://deck.example.org/', false],
		['https://deck.example.org/receiver.html', false],
		['', false]
	])('%s → %s', (referrer, expected) => {
		expect(inSpeakerView(referrer)).toBe(expected);
	});
});
