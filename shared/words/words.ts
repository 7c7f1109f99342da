// Words as data: a key and its values, said in each client's language by its own strings. Kept
// apart from the sentence so the logic that picks them stays pure and each language orders its
// own words.

export interface Words {
  key: string;
  values?: Record<string, string | number>;
  /** Words translated first and given as {{reason}}: an error inside a status, a cause inside a note. */
  reason?: Words;
}
