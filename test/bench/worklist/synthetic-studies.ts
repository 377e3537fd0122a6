// A realistic-looking worklist population for the benchmark: Chinese names (most with a
// romanised alphabetic group, as PS3.5 H.3 examples show) and Latin names, a radiology
// department's modality mix, five years of dates, few STAT and many routine studies.
// Deterministic (seeded PRNG), so runs compare.
import type { StudyPriority, StudyStatus } from '../../../electron/shared/studies';
import type { SeedStudy } from '../../integration/core/worklist/study-seed';
import { seededRandom } from '../../support/seeded-random';

const SURNAMES: [string, string][] = [
  ['王', 'WANG'], ['李', 'LI'], ['张', 'ZHANG'], ['刘', 'LIU'], ['陈', 'CHEN'], ['杨', 'YANG'], ['黄', 'HUANG'], ['赵', 'ZHAO'],
  ['吴', 'WU'], ['周', 'ZHOU'], ['徐', 'XU'], ['孙', 'SUN'], ['马', 'MA'], ['朱', 'ZHU'], ['胡', 'HU'], ['郭', 'GUO'],
  ['何', 'HE'], ['高', 'GAO'], ['林', 'LIN'], ['罗', 'LUO'], ['欧阳', 'OUYANG'], ['司马', 'SIMA'],
];
const GIVEN: [string, string][] = [
  ['伟', 'WEI'], ['芳', 'FANG'], ['娜', 'NA'], ['秀英', 'XIUYING'], ['敏', 'MIN'], ['静', 'JING'], ['丽', 'LI'], ['强', 'QIANG'],
  ['磊', 'LEI'], ['军', 'JUN'], ['洋', 'YANG'], ['勇', 'YONG'], ['艳', 'YAN'], ['杰', 'JIE'], ['小明', 'XIAOMING'], ['建国', 'JIANGUO'],
  ['桂英', 'GUIYING'], ['志强', 'ZHIQIANG'], ['海燕', 'HAIYAN'], ['晓东', 'XIAODONG'], ['婷', 'TING'], ['子涵', 'ZIHAN'],
];
const LATIN_FAMILY = ['SMITH', 'JOHNSON', 'MÜLLER', 'GARCIA', 'NGUYEN', 'TANAKA', 'KIM', 'IVANOV', 'ROSSI', 'DUBOIS', "O'BRIEN", 'SCHMIDT'];
const LATIN_GIVEN = ['JOHN', 'MARY', 'ANNA', 'PETER', 'LUCAS', 'SOFIA', 'HIROSHI', 'MIN-JUN', 'ELENA', 'PAUL'];

const MODALITY_MIX: [string[], number, string][] = [
  [['CT'], 0.3, 'CT CHEST'], [['CT', 'CT', 'CT'], 0.05, 'CT ABDOMEN PELVIS +C'], [['CR'], 0.12, 'CHEST PA'],
  [['DX'], 0.1, 'DX KNEE'], [['MR', 'MR', 'MR', 'MR'], 0.15, 'MR BRAIN W/WO'], [['US'], 0.1, 'US ABDOMEN'],
  [['MG', 'MG'], 0.06, 'MAMMO SCREENING'], [['PT', 'CT'], 0.03, 'PET-CT WHOLE BODY'], [['XA'], 0.03, 'CORONARY ANGIO'],
  [['NM'], 0.02, 'BONE SCAN'], [['CT', 'SR'], 0.04, 'CT LUNG SCREENING + AI'],
];

function weighted<T>(random: () => number, items: [T, number][]): T {
  let r = random() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1]![0];
}

export function* syntheticStudies(count: number, seed = 42): Generator<SeedStudy> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const patients = Math.round(count * 0.7);
  const start = Date.UTC(2021, 0, 1);
  const span = 5 * 365 * 86_400_000;
  const patientCache = new Map<number, { name: string; id: string; sex: string; birth: string }>();
  for (let i = 0; i < count; i++) {
    const p = Math.floor(random() * patients);
    let patient = patientCache.get(p);
    if (!patient) {
      let name: string;
      const kind = random();
      if (kind < 0.6) {
        const [sc, sp] = pick(SURNAMES);
        const [gc, gp] = pick(GIVEN);
        name = random() < 0.8 ? `${sp}^${gp}=${sc}${gc}` : `${sc}${gc}`;
      } else {
        name = `${pick(LATIN_FAMILY)}^${pick(LATIN_GIVEN)}`;
      }
      const year = 1930 + Math.floor(random() * 90);
      patient = {
        name,
        id: `P${String(p).padStart(8, '0')}`,
        sex: random() < 0.5 ? 'M' : 'F',
        birth: `${year}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
      };
      patientCache.set(p, patient);
    }
    const [modalities, , description] = weighted(random, MODALITY_MIX.map((m) => [m, m[1]] as [typeof m, number]));
    const when = new Date(start + Math.floor(random() * span));
    const priority: StudyPriority = weighted(random, [['stat', 0.03], ['urgent', 0.12], ['routine', 0.85]]);
    const status: StudyStatus = weighted(random, [['new', 0.08], ['ai_pending', 0.03], ['ai_done', 0.05], ['in_review', 0.04], ['preliminary', 0.05], ['final', 0.75]]);
    yield {
      studyInstanceUID: `1.2.826.0.1.3680043.10.543.${i + 1}`,
      patientName: patient.name,
      patientID: patient.id,
      sex: patient.sex,
      birthDate: patient.birth,
      accessionNumber: `A${String(20_000_000 + i)}`,
      studyDate: when.toISOString().slice(0, 10).replace(/-/g, ''),
      studyTime: when.toISOString().slice(11, 19).replace(/:/g, ''),
      description,
      seriesModalities: modalities,
      instancesPerSeries: 20 + Math.floor(random() * 300),
      priority,
      status,
      read: status === 'final' || random() < 0.2,
      importedAt: new Date(when.getTime() + 3_600_000).toISOString(),
    };
  }
}
