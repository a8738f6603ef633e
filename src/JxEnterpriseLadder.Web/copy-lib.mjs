// Copies the npm packages' distributable files into wwwroot/lib (ignored by git; restored by the build).
import { cpSync, mkdirSync } from 'node:fs';
const copies = [
  ['node_modules/bootstrap-icons/font', 'wwwroot/lib/bootstrap-icons'],
  ['node_modules/chart.js/dist', 'wwwroot/lib/chart.js'],
];
for (const [from, to] of copies) { mkdirSync(to, { recursive: true }); cpSync(from, to, { recursive: true }); }
