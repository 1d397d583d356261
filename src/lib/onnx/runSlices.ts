/**
 * On the main thread a WASM session run computes synchronously and resolves without giving the
 * event loop a turn, so a loop of runs (a sampler's steps, a sweep) would hold the page in one
 * task: no input, no frame. `beforeRun` cuts such a stretch into tasks of about SLICE_MS: it
 * yields to the event loop once the runs since the page's last turn have taken that long.
 *
 * A single run after a control change never waits here: its stretch has only just begun.
 */

/** Past this, a stretch of runs gives the page a turn (well under the 50 ms long-task line). */
export const SLICE_MS = 30;

/** Event-loop turns seen (a message posted at a stretch's start arrives on the next turn). */
let turns = 0;
let pinged = false;
let channel: MessageChannel | null = null;
let stretchTurn = -1;
let stretchStart = 0;

function ping(): void {
	if (pinged) return;
	if (!channel) {
		channel = new MessageChannel();
		channel.port1.onmessage = () => {
			turns += 1;
			pinged = false;
		};
		// In Node (the tests) an open port would keep the process alive.
		(channel.port1 as { unref?: () => void }).unref?.();
	}
	pinged = true;
	channel.port2.postMessage(null);
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Call before each main-thread run; resolves at once unless the current stretch is long. */
export async function beforeRun(): Promise<void> {
	if (turns !== stretchTurn) {
		// The page had a turn since the last stretch began: this run starts a new one.
		stretchTurn = turns;
		stretchStart = performance.now();
		ping();
		return;
	}
	if (performance.now() - stretchStart <= SLICE_MS) return;
	await nextTask();
	stretchTurn = turns;
	stretchStart = performance.now();
	ping();
}
