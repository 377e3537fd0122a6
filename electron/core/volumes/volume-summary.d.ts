import type { Volume } from './volume';
export interface VolumeSummary {
    label: string;
    dimensions: [number, number, number];
    spacing: [number, number, number];
    origin: [number, number, number];
    /** Column cosines of i, j, k in patient LPS: [iX, iY, iZ, jX, jY, jZ, kX, kY, kZ]. */
    direction: number[];
    dtype: string;
    /** Range of stored values; the modality value is stored × rescaleSlope + rescaleIntercept. */
    min: number;
    max: number;
    rescaleSlope: number;
    rescaleIntercept: number;
    resampled: boolean;
    warnings: string[];
}
export declare function summarizeVolume(volume: Volume): VolumeSummary;
