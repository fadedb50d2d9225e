// Public, cacheable instrument definitions (SPEC §6), also as FHIR R4 Questionnaires.
import { test, expect } from '@playwright/test';
import { call } from '../support/edge';

test('GET /api/instruments lists every shipped instrument with stable ids, cacheable', async () => {
  const res = await call('GET', '/api/instruments');
  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toBe('public, max-age=3600');
  const ids = res.json.instruments.map((i: any) => i.id).sort();
  expect(ids).toEqual(['checkin', 'gad2', 'gad7', 'phq2', 'phq9', 'who5']);
});

test('an instrument as JSON and as a FHIR Questionnaire with LOINC codes', async () => {
  const json = await call('GET', '/api/instruments/phq9');
  expect(json.json.items.map((i: any) => i.id)).toContain('phq9.9');
  const fhir = await call('GET', '/api/instruments/phq9?format=fhir&lang=en');
  expect(fhir.status).toBe(200);
  expect(fhir.headers['content-type']).toContain('application/fhir+json');
  expect(fhir.json.resourceType).toBe('Questionnaire');
  expect(JSON.stringify(fhir.json)).toContain('44249-1');
  const items = fhir.json.item.map((i: any) => i.linkId);
  expect(items).toContain('phq9.9');
  expect((await call('GET', '/api/instruments/nope')).status).toBe(404);
  expect((await call('GET', '/api/instruments/phq9?format=xml')).status).toBe(422);
});
