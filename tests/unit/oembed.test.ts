import { describe, expect, test } from 'vitest';
import { oembedFor } from '../../src/lib/share/oembed';
import { embedPath, oembedPath, previewPath, stillPath } from '../../src/lib/share/links';

const lab = { slug: 'vanishing-gradients', title: 'Vanishing & "exploding" gradients' };

describe('oEmbed responses', () => {
	test('a figure: rich, its iframe on the site origin, its picture height plus its controls row', () => {
		const response = oembedFor(lab, { id: 'activations', title: 'Activations <through> depth' }, 'https://labs.example.org', 571);
		expect(response).toEqual({
			version: '1.0',
			type: 'rich',
			title: 'Activations <through> depth · Vanishing & "exploding" gradients',
			provider_name: 'Deep-learning visual lab',
			provider_url: 'https://labs.example.org/',
			// A picture 571 px tall, plus 96 px.
			html:
				'<iframe src="https://labs.example.org/embed/vanishing-gradients/activations" title="Activations &lt;through&gt; depth · Vanishing &amp; &quot;exploding&quot; gradients" width="720" height="667" style="width:100%;max-width:720px;border:0" loading="lazy"></iframe>',
			width: 720,
			height: 667,
			thumbnail_url: 'https://labs.example.org/previews/vanishing-gradients/activations.png',
			thumbnail_width: 1200,
			thumbnail_height: 630
		});
	});

	test('a figure not measured yet starts 480 + 96 px tall', () => {
		const response = oembedFor(lab, { id: 'activations', title: 'Activations' }, 'https://labs.example.org');
		expect(response.height).toBe(576);
		expect(response.html).toContain('height="576"');
	});

	test('a whole lab: the lab embed, its card, a tall start', () => {
		const response = oembedFor(lab, null, 'http://localhost:4173');
		expect(response.html).toContain('src="http://localhost:4173/embed/vanishing-gradients"');
		expect(response.height).toBe(1200);
		expect(response.thumbnail_url).toBe('http://localhost:4173/previews/vanishing-gradients.png');
	});

	test('paths', () => {
		expect([embedPath('a'), embedPath('a', 'f')]).toEqual(['/embed/a', '/embed/a/f']);
		expect([oembedPath('a'), oembedPath('a', 'f')]).toEqual(['/oembed/a.json', '/oembed/a/f.json']);
		expect([previewPath('a'), previewPath('a', 'f')]).toEqual(['/previews/a.png', '/previews/a/f.png']);
		expect([stillPath('a', 'f'), stillPath('a', 'f', 'dark')]).toEqual(['/stills/a/f.png', '/stills/a/f.dark.png']);
	});
});
