// `yingdu analyze SERIES_UID --model ID [--json]` runs one installed model on a stored series;
// `yingdu analyze --study STUDY_UID [--json]` runs every installed, enabled model the study's
// series are eligible for (experimental ones only when the user turned them on). The job goes
// through the same queue table, pipelines and result store as the app, so a repeated request
// prints the stored result at once, and the output volumes land in the data folder
// (outputs/analyses/<id>/). `--json` prints the published format of issue 5.
import path from 'node:path';
import { resolveDataDir } from '../../core/app/data-dir';
import { type Core, createCore } from '../../core/core';
import { seriesFacts } from '../../core/inference/jobs/series-facts';
import { createPreferencesStore } from '../../core/prefs/preferences-store';
import type { AiJob } from '../../shared/ai-jobs';
import type { AnalysisResult } from '../../shared/ai-results';
import { experimentalModelsEnabled } from '../../shared/preferences';
import { AppError } from '../../shared/result';
import { printJson, UsageError } from '../cli-io';
import type { CliCommand } from '../command';

const UID = /^[0-9.]{1,64}$/;

/** The published `--json` shape: model, provider, seconds, findings, measurements, outputs (absolute paths). */
function published(core: Core, a: AnalysisResult) {
  return {
    model: a.model,
    provider: a.provider,
    seconds: a.seconds,
    findings: a.findings,
    measurements: a.measurements,
    outputs: a.outputs.map((o) => ({ ...o, path: path.join(core.layout.root, ...o.path.split('/')) })),
  };
}

function describe(core: Core, a: AnalysisResult): string {
  const lines = [`${a.model.id} ${a.model.version} on ${a.provider}, ${a.seconds} s`];
  for (const f of a.findings) {
    const extra = [
      f.volumeMl !== undefined ? `${f.volumeMl} mL` : '',
      f.longAxisMm !== undefined ? `${f.longAxisMm} mm` : '',
      f.side ?? '',
      f.probability !== undefined ? `p=${f.probability}` : '',
      f.lowConfidence ? 'LOW CONFIDENCE — correlate clinically' : '',
    ].filter(Boolean);
    lines.push(`  ${f.id} ${f.type} ${f.name?.en ?? f.label}${extra.length ? `: ${extra.join(', ')}` : ''}`);
  }
  if (a.findings.length === 0) lines.push('  no findings');
  for (const m of a.measurements) lines.push(`  ${m.label?.en ?? m.name} = ${m.value} ${m.unit}`);
  for (const o of published(core, a).outputs) lines.push(`  ${o.kind}: ${o.path}`);
  for (const w of a.warnings) lines.push(`  warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

async function runJobs(core: Core, jobs: AiJob[]): Promise<AiJob[]> {
  return core.jobs.runNow(jobs.filter((j) => j.state === 'queued' || j.state === 'running').map((j) => j.id)).then(() =>
    jobs.map((j) => core.jobs.store.get(j.id) as AiJob),
  );
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'Run an AI model on a series (or every matching model on a study) and print its findings; masks go to the data folder',
  usage: 'yingdu analyze SERIES_UID --model ID | --study STUDY_UID [--data DIR] [--json]',
  options: { model: { type: 'string' }, study: { type: 'string' } },
  async run({ io, common, positionals, options }) {
    const study = typeof options.study === 'string' ? options.study : undefined;
    const modelId = typeof options.model === 'string' ? options.model : undefined;
    if (study ? positionals.length > 0 || modelId : positionals.length !== 1 || !modelId) {
      throw new UsageError('give a Series Instance UID and --model ID, or --study STUDY_UID alone');
    }
    const target = study ?? (positionals[0] as string);
    if (!UID.test(target)) throw new UsageError('a DICOM UID has digits and dots only, at most 64 characters');
    const core = createCore({ dataDir: resolveDataDir(common.data), host: 'cli' });
    try {
      if (!study) {
        const [job] = await runJobs(core, [core.jobs.enqueue(target, modelId as string)]);
        if (job?.state !== 'done') throw new AppError((job?.errorCode as never) ?? 'INFERENCE_FAILED', job?.errorMessage ?? 'The analysis did not finish.');
        const analysis = core.jobs.analyses.get(job.id);
        if (!analysis) throw new AppError('NOT_FOUND', 'The analysis finished but its result is missing from the data folder.');
        if (common.json) printJson(io, published(core, analysis));
        else io.stdout(describe(core, analysis));
        return 0;
      }
      const seriesOfStudy = core.db
        .prepare('SELECT s.series_instance_uid AS uid FROM series s JOIN studies st ON st.id = s.study_ref WHERE st.study_instance_uid = ?')
        .all(study) as Array<{ uid: string }>;
      if (seriesOfStudy.length === 0) throw new AppError('NOT_FOUND', 'That study is not in the data folder; import it first.');
      const wanted = new Set(seriesOfStudy.map((s) => s.uid));
      const experimental = experimentalModelsEnabled(createPreferencesStore(core.db).get());
      const models = core.models.list().filter((m) => m.enabled && (experimental || !m.manifest.experimental));
      const queued: AiJob[] = [];
      for (const facts of seriesFacts(core.db).filter((f) => wanted.has(f.seriesInstanceUID))) {
        for (const model of models) {
          if (!core.jobs.eligibility(model, facts).eligible) continue;
          queued.push(core.jobs.enqueue(facts.seriesInstanceUID, model.manifest.id));
        }
      }
      const ended = await runJobs(core, queued);
      const analyses = ended.flatMap((j) => {
        const a = j.state === 'done' ? core.jobs.analyses.get(j.id) : null;
        return a ? [a] : [];
      });
      const failed = ended.filter((j) => j.state !== 'done').map((j) => ({ seriesInstanceUID: j.seriesInstanceUID, model: j.modelId, code: j.errorCode, message: j.errorMessage }));
      if (common.json) {
        printJson(io, { study, analyses: analyses.map((a) => ({ seriesInstanceUID: a.seriesInstanceUID, ...published(core, a) })), failed });
      } else {
        if (queued.length === 0) io.stdout('no installed, enabled model matches a series of this study\n');
        for (const a of analyses) io.stdout(`series ${a.seriesInstanceUID}: ${describe(core, a)}`);
        for (const f of failed) io.stdout(`series ${f.seriesInstanceUID}: ${f.model} failed: ${f.code} ${f.message}\n`);
      }
      return failed.length > 0 ? 1 : 0;
    } finally {
      await core.close();
    }
  },
};
