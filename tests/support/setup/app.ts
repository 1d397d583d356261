/**
 * Every unit and component test runs outside a SvelteKit app: SvelteKit's own modules are
 * replaced for all of them here, the same way, so no test file mocks them itself (a file that
 * replaces a module for itself needs a module graph of its own: see vite.config.ts). When a file
 * ends, the lab controllers its tests left open are disposed.
 */
import { afterAll, vi } from 'vitest';
import { disposeOpenControllers } from '../../../src/lib/state/openControllers';

vi.mock('$app/navigation', () => import('../app/navigation'));
vi.mock('$app/paths', () => import('../app/paths'));

// Before the file's DOM goes: a control moved leaves a URL write on a timer (openControllers.ts).
afterAll(disposeOpenControllers);
