/**
 * Dutch sanity set. There are no labelled Dutch complaints, so the Dutch complaint, severity and
 * category heads use only the language-independent concept features learned on English data.
 * These sentences are our own (written for this test, not taken from any data set): clear
 * complaints with their topic, and clear non-complaints, that any working model must get right.
 */
import { describe, expect, it } from 'vitest';
import { scoreMention } from '../../src/index.js';
import type { Category } from '../../src/types.js';

const complaints: [string, Category][] = [
  ['mijn pakket is na 5 dagen nog steeds niet bezorgd', 'delivery'],
  ['@PostNL al twee weken wacht ik op mijn bestelling, waar blijft het?', 'delivery'],
  ['Al 3 keer gebeld over de storing, nog steeds niks opgelost', 'customer_service'],
  ['Sinds gisteren geen internet en de klantenservice neemt niet op', 'customer_service'],
  ['Jullie hebben twee keer afgeschreven, ik wil mijn geld terug', 'billing'],
  ['De trein van 8:15 is alweer uitgevallen, ik kom te laat op mijn werk', 'disruption'],
  ['Ik heb de monteur om 9 uur verwacht maar er is niemand gekomen', 'customer_service'],
  ['Mijn gegevens zijn gelekt, hoe kan dat?', 'privacy'],
];

/** Complaints whose topic is arguable: only the complaint itself is checked. */
const complaintsAnyTopic = [
  'Mijn nieuwe telefoon is na een week al kapot',
  'Nog steeds geen reactie op mijn mail van vorige week',
];

const notComplaints = [
  'Top geholpen door de klantenservice, dank jullie wel!',
  'Hoe laat gaat de winkel zaterdag open?',
  'Kan ik mijn abonnement ook online wijzigen?',
  'Lekker weertje vandaag, ik ga fietsen',
  'Zou fijn zijn als de app ook een donkere modus had',
];

describe('Dutch complaints (concept features learned on English)', () => {
  it.each(complaints)('%s → complaint about %s', (text, category) => {
    const a = scoreMention(text);
    expect(a.language).toBe('nl');
    expect(a.complaint.isComplaint).toBe(true);
    expect(a.complaint.severity).not.toBe('none');
    expect(a.complaint.categories[0]).toBe(category);
    expect(a.intent).toBe('complaint');
    expect(a.sentiment.label).toBe('negative');
  });

  it.each(complaintsAnyTopic)('%s → complaint', (text) => {
    const a = scoreMention(text);
    expect(a.complaint.isComplaint).toBe(true);
    expect(a.complaint.categories.length).toBeGreaterThan(0);
  });

  it.each(notComplaints)('%s → no complaint', (text) => {
    const a = scoreMention(text);
    expect(a.complaint.isComplaint).toBe(false);
    expect(a.complaint.severity).toBe('none');
    expect(a.intent).not.toBe('complaint');
  });

  it('tells questions, praise and suggestions apart', () => {
    expect(scoreMention('Hoe laat gaat de winkel zaterdag open?').intent).toBe('question');
    expect(scoreMention('Top geholpen door de klantenservice, dank jullie wel!').intent).toBe('praise');
    expect(scoreMention('Zou fijn zijn als de app ook een donkere modus had').intent).toBe('suggestion');
  });

  it('every complaint above every non-complaint in probability', () => {
    const all = [...complaints.map(([t]) => t), ...complaintsAnyTopic];
    const low = Math.min(...all.map((t) => scoreMention(t).complaint.probability));
    const high = Math.max(...notComplaints.map((t) => scoreMention(t).complaint.probability));
    expect(low).toBeGreaterThan(high);
  });
});
