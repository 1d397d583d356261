/**
 * Under vitest only (MODE 'test'; null in every build): the lab controllers not yet disposed.
 * A test that moves a control leaves a URL write waiting on a timer; the test setup disposes what
 * a file left open before the file's DOM goes (tests/support/setup/app.ts), so the timer never
 * fires into a torn-down jsdom.
 */
export const openControllers: Set<{ dispose(): void }> | null = import.meta.env.MODE === 'test' ? new Set() : null;

/** Disposes every controller still open (tests only). */
export function disposeOpenControllers(): void {
	for (const controller of openControllers ?? []) controller.dispose();
}
