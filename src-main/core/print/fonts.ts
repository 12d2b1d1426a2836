import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Noto Sans SC 400 and 700 (OFL), the CJK font of every printed form. Shipped with the app: from
 * `process.resourcesPath/fonts` when packaged (electron-builder `extraResources`), else from
 * `node_modules/@expo-google-fonts/noto-sans-sc`, or from a folder given explicitly. Never downloaded.
 * The files (about 10 MB each) are read once per process and kept.
 */

export const REGULAR_FILE = 'NotoSansSC_400Regular.ttf';
export const BOLD_FILE = 'NotoSansSC_700Bold.ttf';
const PACKAGE = '@expo-google-fonts/noto-sans-sc';

export interface FontOptions {
  /** A folder holding NotoSansSC_400Regular.ttf and NotoSansSC_700Bold.ttf (overrides the search). */
  fontsDir?: string;
}

export interface FontFiles {
  /** The folder the fonts are read from: the only local folder a document may touch. */
  dir: string;
  regularPath: string;
  boldPath: string;
}

export interface LoadedFonts extends FontFiles {
  regular: Buffer;
  bold: Buffer;
}

function flatFolder(dir: string): FontFiles | null {
  const regularPath = path.join(dir, REGULAR_FILE);
  const boldPath = path.join(dir, BOLD_FILE);
  return existsSync(regularPath) && existsSync(boldPath) ? { dir, regularPath, boldPath } : null;
}

/** The npm package keeps each weight in its own sub-folder. */
function packageFolder(dir: string): FontFiles | null {
  const regularPath = path.join(dir, '400Regular', REGULAR_FILE);
  const boldPath = path.join(dir, '700Bold', BOLD_FILE);
  return existsSync(regularPath) && existsSync(boldPath) ? { dir, regularPath, boldPath } : null;
}

function packageDirs(): string[] {
  const dirs: string[] = [];
  try {
    dirs.push(path.dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`)));
  } catch {
    // Not resolvable from this module (e.g. bundled): fall back to walking up from the working folder.
  }
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    dirs.push(path.join(dir, 'node_modules', PACKAGE));
    if (path.dirname(dir) === dir) break;
  }
  return dirs;
}

/** Where the fonts are; throws naming every place looked at when they are nowhere. */
export function locateFonts(options: FontOptions = {}): FontFiles {
  if (options.fontsDir) {
    const dir = path.resolve(options.fontsDir);
    const found = flatFolder(dir);
    if (!found) throw new Error(`Print fonts not found in ${dir} (need ${REGULAR_FILE} and ${BOLD_FILE})`);
    return found;
  }
  const tried: string[] = [];
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) {
    const dir = path.join(resourcesPath, 'fonts');
    tried.push(dir);
    const found = flatFolder(dir);
    if (found) return found;
  }
  for (const dir of packageDirs()) {
    tried.push(dir);
    const found = packageFolder(dir);
    if (found) return found;
  }
  throw new Error(`Print fonts not found; looked in: ${tried.join(', ')}`);
}

const loaded = new Map<string, LoadedFonts>();

/** The font files' bytes, read on first use and kept for the life of the process. */
export function loadFonts(options: FontOptions = {}): LoadedFonts {
  const files = locateFonts(options);
  let fonts = loaded.get(files.dir);
  if (!fonts) {
    fonts = { ...files, regular: readFileSync(files.regularPath), bold: readFileSync(files.boldPath) };
    loaded.set(files.dir, fonts);
  }
  return fonts;
}
