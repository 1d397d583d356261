/** Other spellings of a page's path that static hosts serve are routed to the page itself. */
import { describe, expect, it } from 'vitest';
import { canonicalPath } from '../../src/hooks';

describe('canonicalPath', () => {
	it('drops a trailing slash and a .html or /index.html ending', () => {
		expect(canonicalPath('/labs/attention-heatmaps/')).toBe('/labs/attention-heatmaps');
		expect(canonicalPath('/labs/attention-heatmaps.html')).toBe('/labs/attention-heatmaps');
		expect(canonicalPath('/embed/x/y/')).toBe('/embed/x/y');
		expect(canonicalPath('/index.html')).toBe('/');
		expect(canonicalPath('/embed/index.html')).toBe('/embed');
	});

	it('leaves canonical paths alone', () => {
		expect(canonicalPath('/')).toBeUndefined();
		expect(canonicalPath('/labs/attention-heatmaps')).toBeUndefined();
	});
});
