// Haul's version, as package.json says (a test keeps them equal): shown by `haul --version`,
// the About box and app.info.
export const HAUL_VERSION = '0.1.0';
