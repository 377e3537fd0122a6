// The ModelRunner a pipeline gets: runs this job's model or one of the packages its manifest
// `dependsOn`, in the inference worker, by the installed version's path and recorded SHA-256
// (re-checked by the worker on load). A package outside that list cannot be run from a job, and
// a missing dependency is refused before any work starts, with the package to install named.
import type { InstalledModel } from '../../../shared/model-manifest';
import { AppError } from '../../../shared/result';
import type { ModelRegistry } from '../models/model-registry';
import type { InferenceClient } from '../runtime/inference-client';
import type { PlainTensor } from '../runtime/model-session';
import type { ModelPart, ModelRunner } from '../pipelines/pipeline';

/** The newest installed version of a package, or undefined. */
export function latestInstalled(registry: ModelRegistry, modelId: string): InstalledModel | undefined {
  return registry
    .list()
    .filter((m) => m.manifest.id === modelId)
    .sort((a, b) => b.installedAt.localeCompare(a.installedAt))[0];
}

/** Every package `model` depends on, installed; otherwise NOT_FOUND naming the first one missing. */
export function resolveDependencies(registry: ModelRegistry, model: InstalledModel): InstalledModel[] {
  return model.manifest.dependsOn.map((id) => {
    const dependency = latestInstalled(registry, id);
    if (!dependency) {
      throw new AppError(
        'NOT_FOUND',
        `The model "${model.manifest.id}" needs the package "${id}", which is not installed; install it (yingdu models install) and run the analysis again.`,
      );
    }
    return dependency;
  });
}

export interface JobModelRunner extends ModelRunner {
  /** Execution providers that ran this job's models, in first-use order. */
  readonly providers: string[];
  /** Milliseconds spent opening sessions and running models. */
  readonly timings: { openMs: number; runMs: number };
}

export function createModelRunner(
  registry: ModelRegistry,
  inference: InferenceClient,
  model: InstalledModel,
  signal: AbortSignal,
): JobModelRunner {
  const allowed = new Map<string, InstalledModel>([[model.manifest.id, model]]);
  for (const dependency of resolveDependencies(registry, model)) allowed.set(dependency.manifest.id, dependency);
  const providers: string[] = [];
  const timings = { openMs: 0, runMs: 0 };
  const find = (modelId: string): InstalledModel => {
    const found = allowed.get(modelId);
    if (!found) {
      throw new AppError('NOT_FOUND', `The model "${modelId}" is not this analysis' model nor in its manifest's dependsOn list, so the analysis may not run it.`);
    }
    return found;
  };
  return {
    providers,
    timings,
    manifest: (modelId) => find(modelId).manifest,
    async run(modelId: string, inputs: Record<string, PlainTensor>, part: ModelPart = 'model') {
      const target = find(modelId);
      if (signal.aborted) throw new AppError('CANCELLED', 'The analysis was cancelled.');
      const { id, version, sha256, head } = target.manifest;
      if (part === 'head' && !head) throw new AppError('MODEL_INVALID', `The package "${id}" has no classifier head (head.onnx); it runs as one graph.`);
      // head.onnx's hash comes from the manifest recorded at install; the worker re-checks it on load.
      const file = part === 'head' && head ? { name: head.file, sha256: head.sha256, key: `${id}@${version}/head` } : { name: 'model.onnx', sha256, key: `${id}@${version}` };
      const run = await inference.run(`${registry.folderOf(id, version)}/${file.name}`, file.sha256, file.key, inputs);
      if (!providers.includes(run.provider)) providers.push(run.provider);
      timings.openMs += run.openMs;
      timings.runMs += run.runMs;
      if (signal.aborted) throw new AppError('CANCELLED', 'The analysis was cancelled.');
      return { outputs: run.outputs, provider: run.provider };
    },
  };
}
