// English and zh-CN names for the FreeSurfer / Desikan-Killiany labels the brainchop models
// publish (colormap.json). zh-CN uses the standard Chinese neuroanatomical terms (《人体解剖学》
// / 全国科学技术名词审定委员会 usage); hemisphere prefixes become 左侧 / 右侧.
import type { LocalizedText } from '../../../electron/shared/model-manifest';

/** Structure stems (hemisphere prefix and FreeSurfer decorations removed). */
const STRUCTURES: Record<string, LocalizedText> = {
  background: { en: 'Background', 'zh-CN': '背景' },
  brain: { en: 'Brain', 'zh-CN': '脑组织' },
  lesion: { en: 'Lesion', 'zh-CN': '病灶' },
  'white-matter': { en: 'White matter', 'zh-CN': '白质' },
  'grey-matter': { en: 'Grey matter', 'zh-CN': '灰质' },
  'cerebral-white-matter': { en: 'Cerebral white matter', 'zh-CN': '大脑白质' },
  'cerebral-cortex': { en: 'Cerebral cortex', 'zh-CN': '大脑皮质' },
  'lateral-ventricle': { en: 'Lateral ventricle', 'zh-CN': '侧脑室' },
  'inferior-lateral-ventricle': { en: 'Inferior horn of lateral ventricle', 'zh-CN': '侧脑室下角' },
  'inf-lat-vent': { en: 'Inferior horn of lateral ventricle', 'zh-CN': '侧脑室下角' },
  ventricle: { en: 'Ventricles', 'zh-CN': '脑室' },
  'cerebellum-white-matter': { en: 'Cerebellar white matter', 'zh-CN': '小脑白质' },
  'cerebellum-cortex': { en: 'Cerebellar cortex', 'zh-CN': '小脑皮质' },
  cerebellum: { en: 'Cerebellum', 'zh-CN': '小脑' },
  thalamus: { en: 'Thalamus', 'zh-CN': '丘脑' },
  caudate: { en: 'Caudate nucleus', 'zh-CN': '尾状核' },
  putamen: { en: 'Putamen', 'zh-CN': '壳核' },
  pallidum: { en: 'Globus pallidus', 'zh-CN': '苍白球' },
  '3rd-ventricle': { en: 'Third ventricle', 'zh-CN': '第三脑室' },
  '4th-ventricle': { en: 'Fourth ventricle', 'zh-CN': '第四脑室' },
  'brain-stem': { en: 'Brainstem', 'zh-CN': '脑干' },
  hippocampus: { en: 'Hippocampus', 'zh-CN': '海马' },
  amygdala: { en: 'Amygdala', 'zh-CN': '杏仁核' },
  'accumbens-area': { en: 'Nucleus accumbens', 'zh-CN': '伏隔核' },
  ventraldc: { en: 'Ventral diencephalon', 'zh-CN': '腹侧间脑' },
  csf: { en: 'Cerebrospinal fluid', 'zh-CN': '脑脊液' },
  'corpus-callosum': { en: 'Corpus callosum', 'zh-CN': '胼胝体' },
  'cc-posterior': { en: 'Corpus callosum, posterior (splenium)', 'zh-CN': '胼胝体后部（压部）' },
  'cc-mid-posterior': { en: 'Corpus callosum, mid-posterior', 'zh-CN': '胼胝体中后部' },
  'cc-central': { en: 'Corpus callosum, central', 'zh-CN': '胼胝体中央部' },
  'cc-mid-anterior': { en: 'Corpus callosum, mid-anterior', 'zh-CN': '胼胝体中前部' },
  'cc-anterior': { en: 'Corpus callosum, anterior (genu)', 'zh-CN': '胼胝体前部（膝部）' },
  // Desikan-Killiany cortical parcels (Desikan et al., NeuroImage 2006).
  bankssts: { en: 'Banks of superior temporal sulcus', 'zh-CN': '颞上沟岸' },
  caudalanteriorcingulate: { en: 'Caudal anterior cingulate', 'zh-CN': '尾侧前扣带回' },
  caudalmiddlefrontal: { en: 'Caudal middle frontal gyrus', 'zh-CN': '尾侧额中回' },
  cuneus: { en: 'Cuneus', 'zh-CN': '楔叶' },
  entorhinal: { en: 'Entorhinal cortex', 'zh-CN': '内嗅皮质' },
  fusiform: { en: 'Fusiform gyrus', 'zh-CN': '梭状回' },
  inferiorparietal: { en: 'Inferior parietal lobule', 'zh-CN': '顶下小叶' },
  inferiortemporal: { en: 'Inferior temporal gyrus', 'zh-CN': '颞下回' },
  isthmuscingulate: { en: 'Isthmus of cingulate gyrus', 'zh-CN': '扣带回峡部' },
  lateraloccipital: { en: 'Lateral occipital cortex', 'zh-CN': '枕叶外侧皮质' },
  lateralorbitofrontal: { en: 'Lateral orbitofrontal cortex', 'zh-CN': '外侧眶额皮质' },
  lingual: { en: 'Lingual gyrus', 'zh-CN': '舌回' },
  medialorbitofrontal: { en: 'Medial orbitofrontal cortex', 'zh-CN': '内侧眶额皮质' },
  middletemporal: { en: 'Middle temporal gyrus', 'zh-CN': '颞中回' },
  parahippocampal: { en: 'Parahippocampal gyrus', 'zh-CN': '海马旁回' },
  paracentral: { en: 'Paracentral lobule', 'zh-CN': '中央旁小叶' },
  parsopercularis: { en: 'Pars opercularis', 'zh-CN': '额下回岛盖部' },
  parsorbitalis: { en: 'Pars orbitalis', 'zh-CN': '额下回眶部' },
  parstriangularis: { en: 'Pars triangularis', 'zh-CN': '额下回三角部' },
  pericalcarine: { en: 'Pericalcarine cortex', 'zh-CN': '距状沟周围皮质' },
  postcentral: { en: 'Postcentral gyrus', 'zh-CN': '中央后回' },
  posteriorcingulate: { en: 'Posterior cingulate', 'zh-CN': '后扣带回' },
  precentral: { en: 'Precentral gyrus', 'zh-CN': '中央前回' },
  precuneus: { en: 'Precuneus', 'zh-CN': '楔前叶' },
  rostralanteriorcingulate: { en: 'Rostral anterior cingulate', 'zh-CN': '嘴侧前扣带回' },
  rostralmiddlefrontal: { en: 'Rostral middle frontal gyrus', 'zh-CN': '嘴侧额中回' },
  superiorfrontal: { en: 'Superior frontal gyrus', 'zh-CN': '额上回' },
  superiorparietal: { en: 'Superior parietal lobule', 'zh-CN': '顶上小叶' },
  superiortemporal: { en: 'Superior temporal gyrus', 'zh-CN': '颞上回' },
  supramarginal: { en: 'Supramarginal gyrus', 'zh-CN': '缘上回' },
  frontalpole: { en: 'Frontal pole', 'zh-CN': '额极' },
  temporalpole: { en: 'Temporal pole', 'zh-CN': '颞极' },
  transversetemporal: { en: 'Transverse temporal gyrus', 'zh-CN': '颞横回' },
  insula: { en: 'Insula', 'zh-CN': '岛叶' },
};

const ALIASES: Record<string, string> = { unknown: 'background', bg: 'background', 'thalamus-proper': 'thalamus', 'gray-matter': 'grey-matter' };

/** Localised name for a published label key such as "Left-Hippocampus" or "ctx-rh-insula". */
export function localizeLabel(key: string): LocalizedText {
  let stem = key.trim().replace(/\*$/, '').replace(/[_\s]+/g, '-').toLowerCase();
  let side: 'left' | 'right' | null = null;
  let cortex = false;
  const ctx = /^ctx-(lh|rh)?-?(.*)$/.exec(stem);
  if (ctx) {
    cortex = true;
    side = ctx[1] === 'lh' ? 'left' : ctx[1] === 'rh' ? 'right' : null;
    stem = ctx[2] as string;
  } else if (stem.startsWith('left-')) {
    side = 'left';
    stem = stem.slice(5);
  } else if (stem.startsWith('right-')) {
    side = 'right';
    stem = stem.slice(6);
  }
  stem = ALIASES[stem] ?? stem;
  const base = STRUCTURES[stem];
  if (!base) throw new Error(`no translation for label "${key}": add it to label-names.ts`);
  const en = `${side === 'left' ? 'Left ' : side === 'right' ? 'Right ' : ''}${side ? base.en.charAt(0).toLowerCase() + base.en.slice(1) : base.en}${cortex ? ' (cortex)' : ''}`;
  const zh = `${side === 'left' ? '左侧' : side === 'right' ? '右侧' : ''}${base['zh-CN']}`;
  return { en, 'zh-CN': zh };
}
