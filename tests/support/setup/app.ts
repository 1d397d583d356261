/**
 * Every unit and component test runs outside a SvelteKit app: SvelteKit's own modules are
 * replaced for all of them here, the same way, so no test file mocks them itself (a file that
 * replaces a module for itself needs a module graph of its own: see vite.config.ts).
 */
import { vi } from 'vitest';

vi.mock('$app/navigation', () => import('../app/navigation'));
vi.mock('$app/paths', () => import('../app/paths'));
