/**
 * One training run on one ONNX Runtime session: feeds a batch, the carried tensors (params and
 * optimizer state) and the hyperparameters to the train-step graph, then carries its
 * `….next` outputs into the next step.
 *
 * On WebGPU the session is created with `preferredOutputLocation: 'gpu-buffer'`, so every
 * output stays a GPU buffer and is fed straight back as the next step's input: parameters never
 * travel through JavaScript between steps. The loss is a GPU buffer too, read back only when
 * asked for (every k steps), since each read waits for the GPU. On WASM, outputs are plain
 * arrays already; the runtime copies them in and out of its heap each step (unavoidable there).
 *
 * The ORT module is passed in, so the same loop runs in Node (tests, build-time training), in a
 * worker (WASM) and on the page (WebGPU).
 */
import type * as OrtTypes from 'onnxruntime-web';
import type { ParamValues } from './model';
import type { TrainStepIO } from './trainStep';
import { webgpuHealth } from '../gpuLoss';
import { BatchSampler, type BatchPlan, type TensorData } from './batches';
import { feedable, modelBytes } from '../proxyCopies';

export type Ort = typeof OrtTypes;
export type TrainingBackend = 'wasm' | 'webgpu';

export interface LoopInit {
	bytes: Uint8Array;
	io: TrainStepIO;
	backend: TrainingBackend;
	params: ParamValues;
	/** Hyperparameter overrides, by short name (`lr`) or input name (`hp.lr`). */
	hyper?: Record<string, number>;
	batches: BatchPlan;
}

export interface StepReading {
	/** Loss of the parameters fed to this step (null when not read back). */
	loss: number | null;
	gradNorm: number | null;
}

const hyperInput = (name: string) => (name.startsWith('hp.') ? name : `hp.${name}`);

function toTensor(ort: Ort, t: TensorData): OrtTypes.Tensor {
	return t.data instanceof BigInt64Array ? new ort.Tensor('int64', t.data, t.dims) : new ort.Tensor('float32', t.data, t.dims);
}

async function readScalar(t: OrtTypes.Tensor | undefined): Promise<number | null> {
	if (!t) return null;
	const data = (await t.getData()) as Float32Array;
	return data[0];
}

export class TrainingLoop {
	/** Steps completed. */
	step = 0;
	#carried = new Map<string, OrtTypes.Tensor>();
	#hyper = new Map<string, OrtTypes.Tensor>();
	#sampler: BatchSampler;
	#released = false;
	/** On WebGPU: counts this session as held, until released (runtime.ts tells a lost device by it). */
	readonly #unhold: (() => void) | null;

	private constructor(
		private readonly ort: Ort,
		private readonly session: OrtTypes.InferenceSession,
		private readonly io: TrainStepIO,
		init: LoopInit
	) {
		for (const p of io.params) {
			const values = init.params[p.name];
			if (!values || values.length !== p.shape.reduce((a, b) => a * b, 1))
				throw new Error(`TrainingLoop: initial values for ${p.name} do not fill [${p.shape.join(', ')}]`);
			// A copy: the caller keeps its arrays, and ORT may keep a view of what it is fed.
			this.#carried.set(p.input, new ort.Tensor('float32', Float32Array.from(values), p.shape));
		}
		for (const s of io.state) this.#carried.set(s.input, new ort.Tensor('float32', new Float32Array(s.shape.reduce((a, b) => a * b, 1)), s.shape));
		for (const [name, value] of Object.entries(io.hyper)) this.setHyper(name, value);
		for (const [name, value] of Object.entries(init.hyper ?? {})) this.setHyper(name, value);
		this.#sampler = new BatchSampler(init.batches);
		this.#unhold = init.backend === 'webgpu' ? webgpuHealth.hold() : null;
	}

	/** Work on the GPU is refused once WebGPU has failed on the page, and cut off if it fails meanwhile. */
	#onDevice<T>(work: () => Promise<T>): Promise<T> {
		return this.#unhold ? webgpuHealth.guard(work, 'it could not train the model') : work();
	}

	static async create(ort: Ort, init: LoopInit): Promise<TrainingLoop> {
		const build = () => ort.InferenceSession.create(modelBytes(ort, init.bytes), {
			executionProviders: [init.backend],
			graphOptimizationLevel: 'all',
			// Errors only: on WebGPU the int64 label ops run on the CPU by design, and ORT would
			// otherwise log a warning about it through console.error.
			logSeverityLevel: 3,
			// Keep every output on the GPU; it comes back as the next step's input.
			...(init.backend === 'webgpu' ? { preferredOutputLocation: 'gpu-buffer' as const } : {})
		});
		const session = init.backend === 'webgpu' ? await webgpuHealth.guard(build, 'it could not prepare the training') : await build();
		return new TrainingLoop(ort, session, init.io, init);
	}

	/** Changes a hyperparameter from the next step on. */
	setHyper(name: string, value: number): void {
		const input = hyperInput(name);
		if (!(input in this.io.hyper)) throw new Error(`TrainingLoop: this graph has no hyperparameter ${input}`);
		this.#hyper.set(input, new this.ort.Tensor('float32', Float32Array.of(value), []));
	}

	/** Runs one step; reads the loss (and grad norm) back only when `read` is true. */
	async run(read: boolean): Promise<StepReading> {
		if (this.#released) throw new Error('TrainingLoop: already released');
		const feeds: Record<string, OrtTypes.Tensor> = {};
		for (const [name, t] of this.#carried) feeds[name] = t;
		for (const [name, t] of this.#hyper) feeds[name] = t;
		const batch = this.#sampler.next();
		for (const slot of this.io.batch) {
			const t = batch[slot.name];
			if (!t) throw new Error(`TrainingLoop: the batch has no tensor ${slot.name}`);
			feeds[slot.input] = toTensor(this.ort, t);
		}
		return this.#onDevice(async () => {
			const results = await this.session.run(feedable(this.ort, feeds));
			return this.#carry(results, read);
		});
	}

	async #carry(results: OrtTypes.InferenceSession.OnnxValueMapType, read: boolean): Promise<StepReading> {
		for (const c of [...this.io.params, ...this.io.state]) {
			const previous = this.#carried.get(c.input);
			this.#carried.set(c.input, results[c.output]);
			// Frees the previous step's GPU buffer (a no-op for CPU tensors).
			previous?.dispose();
		}
		const lossTensor = results[this.io.loss];
		const normTensor = this.io.gradNorm ? results[this.io.gradNorm] : undefined;
		const reading = read
			? { loss: await readScalar(lossTensor), gradNorm: await readScalar(normTensor) }
			: { loss: null, gradNorm: null };
		lossTensor.dispose();
		normTensor?.dispose();
		this.step += 1;
		return reading;
	}

	/** The current parameter tensors by input name (`param.<p>`), as a probe takes them; valid until the next step. */
	paramFeeds(): Record<string, OrtTypes.Tensor> {
		if (this.#released) throw new Error('TrainingLoop: already released');
		return Object.fromEntries(this.io.params.map((p) => [p.input, this.#carried.get(p.input)!]));
	}

	/** The current parameters as plain arrays (downloads them from the GPU on WebGPU). */
	async readParams(): Promise<ParamValues> {
		return this.#onDevice(async () => {
			const out: ParamValues = {};
			for (const p of this.io.params) {
				const t = this.#carried.get(p.input)!;
				out[p.name] = Float32Array.from((await t.getData()) as Float32Array);
			}
			return out;
		});
	}

	async release(): Promise<void> {
		if (this.#released) return;
		this.#released = true;
		this.#unhold?.();
		// After a WebGPU failure nothing is freed through the runtime: on a dead device that may
		// never return (the device took its buffers with it).
		if (this.#unhold && webgpuHealth.failure !== null) return this.#carried.clear();
		for (const t of this.#carried.values()) t.dispose();
		this.#carried.clear();
		await this.session.release();
	}
}
