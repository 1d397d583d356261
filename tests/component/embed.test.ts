import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import EmbedButton from '$lib/ui/EmbedButton.svelte';

describe('EmbedButton', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('copies an iframe snippet and confirms', async () => {
		const writeText = vi.fn(async () => {});
		vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
		render(EmbedButton, { src: 'https://example.org/embed/vg/norms?depth=20&act=relu', title: 'Gradient "norms"', height: 400 });
		await fireEvent.click(screen.getByRole('button', { name: 'Copy embed code' }));
		await vi.waitFor(() => expect(screen.getByText('Copied')).toBeInTheDocument());
		expect(writeText).toHaveBeenCalledWith(
			'<iframe src="https://example.org/embed/vg/norms?depth=20&amp;act=relu" title="Gradient &quot;norms&quot;" loading="lazy" style="width:100%;border:0" height="400"></iframe>\n' +
				'<script src="https://example.org/embed.js" async></script>'
		);
	});
});
