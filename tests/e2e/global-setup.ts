/** Serves build/ for the e2e files and hands its address to them (`inject('baseURL')`); once per project. */
import type { TestProject } from 'vitest/node';
import { serveBuild, type RunningServer } from '../../scripts/serve';

const servers: RunningServer[] = [];

export async function setup(project: TestProject): Promise<void> {
	const server = await serveBuild();
	servers.push(server);
	project.provide('baseURL', server.url);
}

export async function teardown(): Promise<void> {
	await Promise.all(servers.splice(0).map((server) => server.close()));
}
