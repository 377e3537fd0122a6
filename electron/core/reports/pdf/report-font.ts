// The fonts the PDF report is set in, both shipped with the app: Droid Sans Fallback (Apache-2.0)
// for Chinese — a CJK font with no Latin letters — and DejaVu Sans (Bitstream Vera licence) for
// Latin, digits and symbols such as × ² ⁻ ·. build/scripts/build.mjs copies them and their
// licences into dist/fonts/, which the packaged app carries with the rest of dist/. Running
// from TypeScript sources (tests, tsx), the same files are read where the Debian packages
// install them (test/setup.sh installs those packages).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../shared/result';

export interface ReportFont {
  file: string;
  /** Where the Debian package puts it (development machines and CI). */
  system: string;
  debianPackage: string;
}

export const REPORT_FONTS = {
  cjk: { file: 'DroidSansFallbackFull.ttf', system: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', debianPackage: 'fonts-droid-fallback' },
  latin: { file: 'DejaVuSans.ttf', system: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', debianPackage: 'fonts-dejavu-core' },
} as const satisfies Record<string, ReportFont>;

/** Where a font may be, most specific first: the bundle's dist/fonts, then the system copy. */
export function reportFontCandidates(font: ReportFont): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // dist/cli.cjs → dist/fonts; dist/main/main.cjs → ../fonts.
  return [path.join(here, 'fonts', font.file), path.join(here, '..', 'fonts', font.file), font.system];
}

export function loadReportFont(font: ReportFont, candidates: readonly string[] = reportFontCandidates(font)): Uint8Array {
  const file = candidates.find((candidate) => existsSync(candidate));
  if (!file) {
    throw new AppError(
      'UNAVAILABLE',
      `The report font ${font.file} is missing (looked in ${candidates.join(', ')}), so no PDF can be written. Reinstall the application, or on a development machine install the Debian package ${font.debianPackage}.`,
    );
  }
  return readFileSync(file);
}

export interface ReportFontBytes {
  cjk: Uint8Array;
  latin: Uint8Array;
}

export const loadReportFonts = (): ReportFontBytes => ({ cjk: loadReportFont(REPORT_FONTS.cjk), latin: loadReportFont(REPORT_FONTS.latin) });
