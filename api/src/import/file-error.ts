/** A file that cannot be read; the message is the Chinese reason shown to the user. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/**
 * The coordinate systems a county office's files come in: GPS and national surveys (WGS84,
 * CGCS2000), Amap/Tencent (GCJ-02) and Baidu (BD-09).
 */
export type SourceCrs = 'WGS84' | 'CGCS2000' | 'GCJ02' | 'BD09';
