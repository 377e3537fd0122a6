// Viewer measurements as the store keeps them: points in DICOM patient space (LPS, mm) so a
// measurement reappears at the same anatomy whatever view, zoom or MPR plane reopens it.
import { z } from 'zod';
import { uidSchema } from './studies';

export const MEASUREMENT_KINDS = ['length', 'angle', 'ellipse', 'rectangle'] as const;
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];

/** How many LPS points each kind is defined by (ellipse/rectangle: centre, end of axis U, end of axis V). */
export const MEASUREMENT_POINT_COUNTS: Record<MeasurementKind, number> = { length: 2, angle: 3, ellipse: 3, rectangle: 3 };

const lpsPointSchema = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);

export const measurementValuesSchema = z.record(z.string().max(32), z.number().finite()).refine((v) => Object.keys(v).length <= 16, {
  message: 'at most 16 values',
});

export const saveMeasurementSchema = z
  .object({
    seriesInstanceUID: uidSchema,
    kind: z.enum(MEASUREMENT_KINDS),
    points: z.array(lpsPointSchema).min(2).max(3),
    values: measurementValuesSchema,
    label: z.string().max(200).optional(),
  })
  .strict()
  .refine((m) => m.points.length === MEASUREMENT_POINT_COUNTS[m.kind], {
    message: 'wrong number of points for this kind (length 2, angle/ellipse/rectangle 3)',
    path: ['points'],
  });

export const listMeasurementsSchema = z.object({ seriesInstanceUID: uidSchema }).strict();
export const deleteMeasurementSchema = z.object({ id: z.number().int().positive() }).strict();

export interface MeasurementRow {
  id: number;
  seriesInstanceUID: string;
  kind: MeasurementKind;
  points: [number, number, number][];
  values: Record<string, number>;
  label: string;
  createdAt: string;
  updatedAt: string;
}
