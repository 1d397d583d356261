/**
 * Launching Debian's Chromium (never a downloaded browser) for the e2e tests and the benchmark.
 * The benchmark runs `chromium`, the browser readers have; the tests and the build's pictures run
 * its headless shell when it is installed (see HEADLESS_CHROMIUM_PATH).
 *
 * WebGPU: on this machine (Chromium 156, headless, no GPU) `--enable-unsafe-webgpu` alone makes
 * `navigator.gpu.requestAdapter()` return SwiftShader's adapter (vendor "google", architecture
 * "swiftshader", isFallbackAdapter true), with or without `--disable-gpu`; without it the adapter
 * is null. `--use-webgpu-adapter=swiftshader` and `--enable-features=Vulkan` changed nothing here,
 * so they are left out. Note: `navigator.gpu` only exists in secure contexts (http://127.0.0.1 is
 * one; about:blank is not).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export type BrowserKind = 'wasm' | 'webgpu';

/** Debian's Chromium, as readers run it: the benchmark measures with it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's package chromium-headless-shell: the same Chromium source and version, built without the desktop browser around the pages. */
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';

/**
 * The browser of the tests and of the build's pictures: Debian's headless shell when installed
 * (`.ci/run` installs it), else CHROMIUM_PATH; CHROMIUM_PATH, when set, is used for everything.
 * Full Chromium in headless mode still builds a desktop window for every browser context, its
 * toolbar, location bar and tab strip laid out, painted and composited: a fresh context opening a
 * small page cost the machine 0.76 s of CPU there and 0.37 s in the shell (a lab page, 1.43 and
 * 0.98 s). Every test opens fresh contexts on two busy cores: the e2e run took 947 s with full
 * Chromium and 804 s with the shell, every test passing on both. The pages' engine is the same:
 * Blink, V8, Skia, Dawn and SwiftShader's WebGPU adapter.
 */
export const HEADLESS_CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : CHROMIUM_PATH);

/**
 * Chromium 156 builds its omnibox popup as web pages (chrome://omnibox-popup.top-chrome/ and its
 * AI-mode twin, some thirty scripts), and headless, it builds them again for every new browser
 * context, the way it would for a new window. Every test and every bench load opens a fresh
 * context, so each page load here shared the two cores with 1.7–2.6 s of CPU of browser UI that a
 * reader's browser built once, when its window opened. Measured over six loads of the backprop lab
 * (Chromium's CPU time, all processes): 30–35 s and first figures drawn at 1.4–2.2 s with them;
 * 19 s and 0.9–1.2 s without.
 */
const BROWSER_UI_PAGES = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup'];

/**
 * Chromium reads only the last --disable-features, and Playwright passes its own before ours: ours
 * must repeat Playwright's list (playwright-core's chromiumSwitches.ts, for the locked version).
 * guard.e2e.ts checks, on the launched browser, that nothing of Playwright's list was dropped.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
	'AvoidUnnecessaryBeforeUnloadCheckSync',
	'DestroyProfileOnBrowserClose',
	'HttpsUpgrades',
	'HttpsFirstBalancedModeAutoEnable',
	'LensOverlay',
	'MediaRouter',
	'PaintHolding',
	'ThirdPartyStoragePartitioning',
	'AvoidCorsURLLoaderRestartOnRedirect',
	'TcpPortRandomizationWin',
	'OptimizationHints',
	'NetworkTimeServiceQuerying',
	'AimEnabled',
	'PreconnectToSearch',
	'msForceBrowserSignIn',
	'msEdgeUpdateLaunchServicesPreferredVersion'
];

const DISABLED_FEATURES = `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...BROWSER_UI_PAGES].join(',')}`;

const COMMON_ARGS = [
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
	DISABLED_FEATURES
];

export const WEBGPU_ARGS = ['--enable-unsafe-webgpu'];

export function chromiumArgs(kind: BrowserKind): string[] {
	return kind === 'webgpu' ? [...COMMON_ARGS, ...WEBGPU_ARGS] : [...COMMON_ARGS, '--disable-gpu'];
}

/**
 * For the tests: no host name but this machine's resolves, so no request leaves it (it fails
 * with net::ERR_NAME_NOT_RESOLVED; the guard in guard.ts records it and fails the test). Cheaper
 * than intercepting every request to abort the foreign ones: interception sent each of a lab's
 * few dozen requests through the test process and back, about a tenth of a lab's load time.
 */
const NO_FOREIGN_HOSTS_ARGS = ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'];

/**
 * For the tests, not the benchmark: V8 runs WebAssembly with its baseline compiler only. Tiering
 * up to the optimizing compiler pays off in a long session, but every test is a fresh page, and on
 * two cores that background compile of ORT's 11 MB module took about a fifth of a lab load's CPU.
 */
const TEST_ONLY_ARGS = ['--js-flags=--liftoff-only', ...NO_FOREIGN_HOSTS_ARGS];

/**
 * For the tests, on WebGPU: Dawn skips zeroing each workgroup's shared memory at the start of
 * every invocation, which WGSL requires and SwiftShader does on the CPU, thread by thread. A lab's
 * first WebGPU run took 9.4 s with it and 5.8 s without (vanishing gradients; overfitting 5.1 and
 * 4.0 s). The tests lose nothing: a shader whose numbers are right whatever its shared memory
 * held at the start is right when it held zeros, as readers' GPUs give it. A shader that read
 * memory it never wrote would instead fail here, on WebGPU against WebAssembly. The benchmark
 * keeps the zeroing: it measures what readers get.
 */
const TEST_ONLY_WEBGPU_ARGS = ['--enable-dawn-features=disable_workgroup_init'];

/** The test-only switches for a browser of `kind`. */
function testOnlyArgs(kind: BrowserKind): string[] {
	return kind === 'webgpu' ? [...TEST_ONLY_ARGS, ...TEST_ONLY_WEBGPU_ARGS] : TEST_ONLY_ARGS;
}

export function launchChromium(kind: BrowserKind, extraArgs: string[] = [], executablePath = CHROMIUM_PATH): Promise<Browser> {
	return chromium.launch({ executablePath, headless: true, args: [...chromiumArgs(kind), ...extraArgs] });
}

/** The tests' browser of `kind`: the headless shell (or Chromium), with the test-only switches. */
export function launchTestChromium(kind: BrowserKind, extraArgs: string[] = []): Promise<Browser> {
	return launchChromium(kind, [...testOnlyArgs(kind), ...extraArgs], HEADLESS_CHROMIUM_PATH);
}
