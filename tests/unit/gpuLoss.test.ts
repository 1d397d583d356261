/**
 * The page's WebGPU health latch (src/lib/onnx/gpuLoss.ts), with fake work (no GPU): the first
 * failure is latched and told once, later work is refused without running, work that never
 * settles is cut off when WebGPU fails, and a model download's fault does not count.
 */
import { describe, expect, it } from 'vitest';
import { LabFault } from '$lib/onnx/faults';
import { createWebgpuHealth } from '$lib/onnx/gpuLoss';

describe('WebGPU health', () => {
	it('passes results through while WebGPU works', async () => {
		const health = createWebgpuHealth();
		await expect(health.guard(async () => 42)).resolves.toBe(42);
		expect(health.failure).toBeNull();
	});

	it('latches the first failure and tells each listener once', () => {
		const health = createWebgpuHealth();
		const heard: string[] = [];
		health.onFailure((reason) => heard.push(`a: ${reason}`));
		health.onFailure((reason) => heard.push(`b: ${reason}`));
		health.fail('the GPU device was lost');
		health.fail('something later');
		expect(health.failure).toBe('the GPU device was lost');
		expect(heard).toEqual(['a: the GPU device was lost', 'b: the GPU device was lost']);
		// A listener added afterwards hears it at once.
		health.onFailure((reason) => heard.push(`c: ${reason}`));
		expect(heard).toHaveLength(3);
		expect(heard[2]).toBe('c: the GPU device was lost');
	});

	it('an unsubscribed listener hears nothing', () => {
		const health = createWebgpuHealth();
		let heard = 0;
		const stop = health.onFailure(() => heard++);
		stop();
		health.fail('lost');
		expect(heard).toBe(0);
	});

	it('a failed run latches the failure, passes its own error on, and the next run never starts', async () => {
		const health = createWebgpuHealth();
		const heard: string[] = [];
		health.onFailure((reason) => heard.push(reason));
		const boom = new Error('failed to call OrtRun(). ERROR_CODE: 1');
		await expect(health.guard(() => Promise.reject(boom), 'it could not run the model')).rejects.toBe(boom);
		expect(heard).toEqual(['it could not run the model']);
		let started = false;
		const refused = health.guard(async () => {
			started = true;
			return 1;
		});
		await expect(refused).rejects.toBeInstanceOf(LabFault);
		await expect(refused).rejects.toMatchObject({ part: 'backend', message: 'WebGPU stopped working (it could not run the model).' });
		expect(started).toBe(false);
	});

	it('a work function that throws before returning a promise latches too', async () => {
		const health = createWebgpuHealth();
		await expect(
			health.guard(() => {
				throw new Error('sync');
			})
		).rejects.toThrow('sync');
		expect(health.failure).toBe('it could not run the model');
	});

	it('work that never settles is cut off when the device is lost', async () => {
		const health = createWebgpuHealth();
		const hanging = health.guard(() => new Promise<number>(() => undefined));
		health.fail('the GPU device was lost');
		await expect(hanging).rejects.toMatchObject({ part: 'backend', message: 'WebGPU stopped working (the GPU device was lost).' });
	});

	it('a failing run cuts off the others still pending', async () => {
		const health = createWebgpuHealth();
		const boom = new Error('buffer mapping failed');
		const waiting = health.guard(() => new Promise<number>(() => undefined));
		await expect(health.guard(() => Promise.reject(boom))).rejects.toBe(boom);
		await expect(waiting).rejects.toMatchObject({ message: 'WebGPU stopped working (it could not run the model).' });
	});

	it('a model download fault is not a WebGPU failure', async () => {
		const health = createWebgpuHealth();
		const fault = new LabFault('model', 'The model did not answer within 45 s.', true);
		await expect(health.guard(() => Promise.reject(fault))).rejects.toBe(fault);
		expect(health.failure).toBeNull();
	});

	it('counts held sessions, each released once', () => {
		const health = createWebgpuHealth();
		const first = health.hold();
		const second = health.hold();
		expect(health.held).toBe(2);
		first();
		first();
		expect(health.held).toBe(1);
		second();
		expect(health.held).toBe(0);
	});
});
