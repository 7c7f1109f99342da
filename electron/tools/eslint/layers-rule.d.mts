import type { Rule } from 'eslint';

export interface Layer {
  name: string;
  prefix: string;
  exact?: boolean;
  may: string[];
}
export const LAYERS: Layer[];
export function layerOf(relPath: string): Layer | undefined;
export const layersRule: Rule.RuleModule;
