/** Where the reference readings are written. */
export const FIXTURE: string;
/** Every name the reference covers. */
export function referenceNames(): string[];
/** The reference file's text, as pinyin-pro reads the names now. */
export function referenceText(): string;
/** The committed reference file's text. */
export function committedText(): string;
