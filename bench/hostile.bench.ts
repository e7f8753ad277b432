/**
 * Time of scoreMention on 1 KB, 100 KB and 1 MB inputs, ordinary and adversarial. Analysis is
 * capped at MAX_ANALYSED_CHARS, so time must grow at most linearly with the input (and in
 * practice flattens past the cap). Prints ms per call and the 1 MB / 1 KB ratio beside the
 * 1000x growth of the input.
 */
import { MAX_ANALYSED_CHARS, scoreMention } from '../src/index.js';

const shapes: Record<string, string> = {
  'ordinary text': 'Al 3 dagen storing bij @KPN, niemand neemt op en ik werk thuis!! #nooitmeer 😡 ',
  letters: 'a',
  'almost e-mail': 'a.',
  'almost url': 'http://',
  punctuation: '!?',
  'zero-width': 'x\u200D',
  'combining marks': 'e\u0301',
  handles: '@a ',
  digits: '1-',
};

function timeIt(text: string): number {
  const runs = 20;
  scoreMention(text);
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) scoreMention(text);
  return (performance.now() - t0) / runs;
}

console.log(`cap: ${MAX_ANALYSED_CHARS} characters analysed per mention`);
console.log('shape               1 KB ms   100 KB ms   1 MB ms   1MB/1KB (input grew 1024x)');
let worst = 0;
for (const [name, unit] of Object.entries(shapes)) {
  const sized = (bytes: number) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
  const [a, b, c] = [1024, 100 * 1024, 1024 * 1024].map((n) => timeIt(sized(n))) as [number, number, number];
  const ratio = c / a;
  worst = Math.max(worst, ratio);
  console.log(
    `${name.padEnd(18)} ${a.toFixed(3).padStart(8)} ${b.toFixed(3).padStart(11)} ${c.toFixed(3).padStart(9)}   ${ratio.toFixed(1).padStart(6)}x`,
  );
}
console.log(`worst 1MB/1KB time ratio: ${worst.toFixed(1)}x for 1024x more input (linear would be 1024x)`);
