/** Serves build/ once for all e2e files and hands its address to them (`inject('baseURL')`). */
import type { TestProject } from 'vitest/node';
import { serveBuild, type RunningServer } from '../../scripts/serve';

let server: RunningServer | undefined;

export async function setup(project: TestProject): Promise<void> {
	server = await serveBuild();
	project.provide('baseURL', server.url);
}

export async function teardown(): Promise<void> {
	await server?.close();
}
