import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import FileInput from '$lib/ui/FileInput.svelte';
import { acceptsFile } from '$lib/ui/fileAccept';

const png = () => new File([new Uint8Array([137, 80, 78, 71])], 'cat.png', { type: 'image/png' });
const text = () => new File(['not a picture'], 'notes.txt', { type: 'text/plain' });

function choose(input: HTMLElement, file: File) {
	Object.defineProperty(input, 'files', { value: [file], configurable: true });
	return fireEvent.change(input);
}

function setup() {
	const onfile = vi.fn();
	render(FileInput, { id: 'upload', label: 'Use your own image', accept: 'image/*', hint: 'Or drop one here.', onfile });
	return { onfile, input: screen.getByLabelText('Use your own image') as HTMLInputElement };
}

describe('FileInput', () => {
	it('is the native file input, named by its button-like label and reachable with the keyboard', () => {
		const { input } = setup();
		expect(input.type).toBe('file');
		expect(input.accept).toBe('image/*');
		// Visually hidden, not display:none: Tab still reaches it and Enter/Space open the picker.
		expect(input).toHaveClass('visually-hidden');
		expect(input.tabIndex).toBe(0);
		expect(input).not.toBeDisabled();
		input.focus();
		expect(document.activeElement).toBe(input);
		expect(input).toHaveAccessibleDescription('Or drop one here.');
	});

	it('activates the input when its label is clicked', async () => {
		const { input } = setup();
		const clicked = vi.fn();
		input.addEventListener('click', clicked);
		await fireEvent.click(screen.getByText('Use your own image'));
		expect(clicked).toHaveBeenCalledTimes(1);
	});

	it('hands over a chosen image', async () => {
		const { input, onfile } = setup();
		const file = png();
		await choose(input, file);
		expect(onfile).toHaveBeenCalledWith(file);
		expect(screen.queryByRole('alert')).toBeNull();
	});

	it('refuses a file that is not an image, with a message, and keeps going after', async () => {
		const { input, onfile } = setup();
		await choose(input, text());
		expect(onfile).not.toHaveBeenCalled();
		expect(screen.getByRole('alert')).toHaveTextContent('“notes.txt” is not a file this accepts (image/*); its type is text/plain.');
		expect(input).toHaveAttribute('aria-invalid', 'true');

		const file = png();
		await choose(input, file);
		expect(onfile).toHaveBeenCalledWith(file);
		expect(screen.queryByRole('alert')).toBeNull();
	});

	it('checks a dropped file too (a drop skips the picker’s filter)', async () => {
		const { onfile } = setup();
		const label = screen.getByText('Use your own image');
		await fireEvent.drop(label, { dataTransfer: { files: [text()] } });
		expect(onfile).not.toHaveBeenCalled();
		expect(screen.getByRole('alert')).toHaveTextContent('notes.txt');
	});

	it('shows the caller’s error (e.g. a file that would not decode)', () => {
		render(FileInput, { id: 'up2', label: 'Pick', accept: 'image/*', error: 'It could not be decoded.', onfile: () => {} });
		expect(screen.getByRole('alert')).toHaveTextContent('It could not be decoded.');
	});
});

describe('acceptsFile', () => {
	it('reads MIME types, wildcards and extensions as the picker does', () => {
		expect(acceptsFile('image/*', { name: 'a.webp', type: 'image/webp' })).toBe(true);
		expect(acceptsFile('image/*', { name: 'a.txt', type: 'text/plain' })).toBe(false);
		expect(acceptsFile('image/*', { name: 'a', type: '' })).toBe(false);
		expect(acceptsFile('.PNG, image/jpeg', { name: 'shot.png', type: '' })).toBe(true);
		expect(acceptsFile('.png,image/jpeg', { name: 'photo.jpg', type: 'image/jpeg' })).toBe(true);
		expect(acceptsFile('.png,image/jpeg', { name: 'photo.gif', type: 'image/gif' })).toBe(false);
		expect(acceptsFile('', { name: 'anything.bin', type: 'application/octet-stream' })).toBe(true);
	});
});
