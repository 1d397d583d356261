/**
 * `$app/navigation` for unit and component tests, which run outside a SvelteKit app: the one
 * call the site makes (replaceState, writing lab state to the URL) as a spy. Every test gets it
 * (tests/support/setup/app.ts); a test that asserts on it imports it from $app/navigation.
 */
import { vi } from 'vitest';

export const replaceState = vi.fn();
