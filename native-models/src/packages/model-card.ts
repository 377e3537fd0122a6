// MODEL_CARD.md for a package: what the model is, what it was trained on, what it is for,
// where it fails, its licence and how this file was made (Mitchell et al., "Model Cards for
// Model Reporting", 2019, trimmed to what a hospital IT lead and a radiologist need).
import type { ModelManifest } from '../../../electron/shared/model-manifest';

export function renderModelCard(manifest: ModelManifest, notes: readonly string[], licenseText: string): string {
  const p = manifest.provenance;
  const visible = manifest.labels.filter((l) => !l.hidden);
  const lines = [
    `# ${manifest.name.en} — ${manifest.name['zh-CN']}`,
    '',
    manifest.experimental ? '> **EXPERIMENTAL — unvalidated. Off by default; shown only when experimental models are enabled.**\n' : '',
    `Package \`${manifest.id}\` version ${manifest.version}. Task: ${manifest.task}.`,
    '',
    '## What it is',
    '',
    manifest.description.en,
    '',
    manifest.description['zh-CN'],
    '',
    '## Intended use',
    '',
    manifest.intendedUse.en,
    '',
    manifest.intendedUse['zh-CN'],
    '',
    '## Input it accepts',
    '',
    `- Modality ${manifest.accepts.modalities.join(', ')}; contrast ${manifest.accepts.contrasts.join(', ')}; a 3-D volume${manifest.accepts.sliceThicknessMm ? ` with slice thickness ${manifest.accepts.sliceThicknessMm.min}–${manifest.accepts.sliceThicknessMm.max} mm` : ''}.`,
    '- Pre-processing: ' + manifest.preprocessing.map((s) => s.op).join(' → ') + '.',
    '- Post-processing: ' + manifest.postprocessing.map((s) => s.op).join(' → ') + '.',
    '',
    '## Limitations',
    '',
    ...manifest.limitations.map((l) => `- ${l.en}\n  ${l['zh-CN']}`),
    '',
    `## Labels (${visible.length} shown of ${manifest.labels.length})`,
    '',
    '| # | Source name | English | 中文 |',
    '|---|---|---|---|',
    ...manifest.labels.map((l) => `| ${l.index} | ${l.key} | ${l.name.en} | ${l.name['zh-CN']} |`),
    '',
    '## How this package was made',
    '',
    `- Source: ${p.sourceUrl} (${p.sourceFormat}), files with SHA-256:`,
    ...Object.entries(p.sourceSha256).map(([file, hash]) => `  - \`${file}\` ${hash}`),
    `- Converted by ${p.converter} ${p.converterVersion} to ONNX opset ${p.opset}; \`model.onnx\` SHA-256 ${manifest.sha256}.`,
    ...(manifest.head
      ? [
          `- Split at the classifier to bound memory: \`model.onnx\` is the network up to its last feature map (${String(manifest.outputs[0]?.shape[1])} channels), \`head.onnx\` (SHA-256 ${manifest.head.sha256}) the 1×1×1 classifier and the argmax over the ${manifest.labels.length} classes, run slab by slab over the feature map. The labels are identical to the unsplit network's (tested), and the logits of every class never exist for the whole 256³ volume.`,
        ]
      : []),
    p.sourceFormat === 'project-graph'
      ? '- The graph is fixed arithmetic written by project code (no trained weights); its outputs are checked against values computed independently from the raw images in the tests.'
      : '- Conversion is checked against an independent PyTorch execution of the original weights (test/integration/native-models).',
    ...notes.map((n) => `- ${n}`),
    '',
    '## Citation',
    '',
    p.citation ?? '',
    '',
    '## License',
    '',
    `${manifest.license.spdx}. ${manifest.license.attribution}.`,
    '',
    '```',
    licenseText.trim(),
    '```',
    '',
  ];
  return lines.filter((l, i) => !(l === '' && lines[i - 1] === '')).join('\n');
}
