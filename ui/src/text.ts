// Text as people type it: full-width digits, letters and punctuation from a
// Chinese IME (１３８, ＶＩＰ) and the ideographic space are folded to ASCII
// before anything typed is checked or parsed here, as the core does
// (crates/core/src/text.rs). Free text sent to the core is left as typed.

/** Unicode NFKC: full-width forms to ASCII, the ideographic space to a space. */
export function fold(typed: string): string {
  return typed.normalize("NFKC");
}
