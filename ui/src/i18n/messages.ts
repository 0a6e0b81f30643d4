// The shape of a translation: every language has exactly the keys of the
// Chinese one (a missing or extra key is a compile error), all strings.
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };
