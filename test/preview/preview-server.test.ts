import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateHtml } from '../../src/audit/html-validity.js';
import { build } from '../../src/build.js';
import { startPreview } from '../../src/preview/preview-server.js';
import { defaultDate } from '../../src/project/brief-request.js';
import { readRecipe } from '../../src/project/recipe.js';
import { rawRequest, startFixturePreview, waitForEvent, type FixturePreview } from './preview-fixture.js';

let preview: FixturePreview;
const epoch = process.env.SOURCE_DATE_EPOCH;

beforeAll(async () => {
  // Builds and previews date a brief the same way; a fixed date keeps them equal past midnight.
  process.env.SOURCE_DATE_EPOCH = String(Date.UTC(2026, 10, 23) / 1000);
  preview = await startFixturePreview();
});
afterAll(async () => {
  await preview.close();
  if (epoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = epoch;
});

const get = (path: string, init?: RequestInit) => fetch(preview.url(path), init);
const json = async (path: string) => {
  const response = await get(path);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(preview.url('/api/recipes'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('preview server: choices and counts', () => {
  it('counts the sections each choice picks, by the build rule', async () => {
    const { status, body } = await json('/api/picks?population=els&topic=technology-access');
    expect(status).toBe(200);
    expect(body.populations).toEqual({ 'english-learners': 2, 'students-with-disabilities': 1, 'students-in-poverty': 1 });
    expect(body.topics).toEqual({ 'technology-access': 2, 'learning-plans': 2 });
    expect(body.brief).toEqual({
      name: 'english-learners-technology-access',
      title: 'Technology Access for English Learners',
      sections: [
        { id: 'el-context', title: 'Who English learners are', kind: 'background' },
        { id: 'device-gaps', title: 'Gaps in devices and connectivity', kind: 'barrier' },
      ],
    });
  });

  it('counts a section tagged `all` for every population, and asks for a population first', async () => {
    expect((await json('/api/picks')).body.problem).toBe("Pick at least one population (or 'all').");
    const { body } = await json('/api/picks?population=swds&topic=learning-plans&template=brief');
    expect(body.brief).toMatchObject({ sections: [{ id: 'learning-plans' }] });
    expect((await json('/api/picks?population=all&topic=plps')).body.brief).toMatchObject({ name: 'all-learning-plans' });
  });

  it.each([
    ['/api/picks?population=english-learner', 400, "population: unknown population 'english-learner' (did you mean 'english-learners'?)"],
    ['/api/picks?population=els&topic=tech-acess', 400, "topic: unknown topic 'tech-acess' (did you mean 'technology-access'?)"],
    ['/api/picks?population=els&template=handot', 400, "template: unknown template 'handot' (did you mean 'handout'?)"],
    ['/api/picks?population=els&theme=../../etc', 400, "theme: unknown theme '../../etc'"],
    ['/api/picks?population=els&style=../secret.csl', 400, "style: unknown citation style '../secret.csl'"],
    ['/api/picks?population=els&paper=legal', 400, "paper: must be 'letter' or 'a4'"],
    ['/api/picks?populaton=els', 400, "unknown field 'populaton' (did you mean 'population'?)"],
    ['/api/picks?population=els&template=brief&template=handout', 400, "'template' was given 2 times; give it once"],
    ['/api/picks?population=els&title=a%0Ab', 400, 'title: must be one line of plain text'],
    ['/brief.pdf?topic=technology-access', 400, "pick at least one population (or 'all')"],
  ])('%s → %i', async (path, status, message) => {
    const response = await json(path);
    expect(response.status).toBe(status);
    expect(response.body.error).toBe(message);
  });

  it('answers a brief render with a problem as a readable page for the frame', async () => {
    const response = await get('/brief.html?population=nobody');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(toString(fromHtml(await response.text()))).toContain("population: unknown population 'nobody'");
    const unknownField = await get('/brief.html?population=swds&exclude=udl');
    expect(unknownField.status).toBe(400);
    expect(toString(fromHtml(await unknownField.text()))).toContain("unknown field 'exclude'");
  });
});

describe('preview server: briefs', () => {
  it('renders the same HTML `build` writes for the same choices, sandboxed by its headers', async () => {
    const [result] = await build({ root: preview.root, fields: { populations: ['english-learners'], topics: ['technology-access'], formats: ['html'] } });
    expect(result?.files).toEqual(['output/english-learners-technology-access.html']);
    const built = await readFile(path.join(preview.root, 'output/english-learners-technology-access.html'), 'utf8');
    const response = await get('/brief.html?population=english-learners&topic=technology-access');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(built);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    expect(response.headers.get('content-disposition')).toBeNull();
    const download = await get('/brief.html?population=english-learners&topic=technology-access&download=1');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="english-learners-technology-access.html"');
  });

  it('downloads the same Word file `build` writes for the same choices', async () => {
    const [result] = await build({ root: preview.root, fields: { populations: ['english-learners'], topics: ['technology-access'], formats: ['docx'] } });
    expect(result?.files).toEqual(['output/english-learners-technology-access.docx']);
    const built = await readFile(path.join(preview.root, 'output/english-learners-technology-access.docx'));
    const response = await get('/brief.docx?population=english-learners&topic=technology-access');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="english-learners-technology-access.docx"');
    expect(Buffer.compare(Buffer.from(await response.arrayBuffer()), built)).toBe(0);
  });

  it('reports a project problem (a section citing an unknown key) as 422 with file:line:col', async () => {
    const file = path.join(preview.root, 'content/sections/recommendations/udl.md');
    const original = await readFile(file, 'utf8');
    const events = await get('/events');
    const reader = events.body!.getReader();
    try {
      await waitForEvent(reader, 'hello');
      await writeFile(file, original.replace('[@rose2002;', '[@rose2003;'));
      expect(await waitForEvent(reader, 'change')).toEqual({ files: ['content/sections/recommendations/udl.md'] });
      const response = await json('/brief.pdf?population=swds&topic=technology-access');
      expect(response.status).toBe(422);
      expect(response.body.error).toBe("content/sections/recommendations/udl.md:9:42: unknown citation key 'rose2003' (did you mean 'rose2002'?)");
    } finally {
      await writeFile(file, original);
      await waitForEvent(reader, 'change');
      await reader.cancel();
    }
  });

  it('serves the coverage page and fragment', async () => {
    const page = await get('/coverage');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<caption>Sections and distinct sources for each population and topic</caption>');
    const fragment = await (await get('/api/coverage')).text();
    expect(fragment).toContain('href="/?population=english-learners&amp;topic=technology-access"');
  });

  it('serves valid HTML5: the pick page, the no-preview page and the coverage page', async () => {
    const pages = {
      'pick.html': '/?population=els&topic=technology-access&title=A+%3Cb%3Ebold%3C%2Fb%3E+title',
      'problem.html': '/?population=nobody',
      'no-preview.html': '/brief.html?population=nobody',
      'coverage.html': '/coverage',
    };
    const files: string[] = [];
    for (const [name, address] of Object.entries(pages)) {
      const file = path.join(preview.root, name);
      await writeFile(file, await (await get(address)).text());
      files.push(file);
    }
    // Text from the address is escaped, never markup.
    expect(await readFile(files[0]!, 'utf8')).toContain('value="A &lt;b&gt;bold&lt;/b&gt; title"');
    expect(await validateHtml(files, { display: (file) => path.basename(file) })).toEqual([]);
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    expect((await get('/etc/passwd')).status).toBe(404);
    expect((await get('/../../etc/passwd')).status).toBe(404);
    const wrong = await get('/api/recipes');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });
});

describe('preview server: live reload', () => {
  it('tells open pages about edits to content, briefs, templates and styles, and serves the new state', async () => {
    const response = await get('/events');
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    try {
      await waitForEvent(reader, 'hello');
      const file = path.join(preview.root, 'content/sections/evidence/poverty-plans.md');
      await writeFile(file, (await readFile(file, 'utf8')).replace('populations: [students-in-poverty]', 'populations: [students-in-poverty, els]'));
      expect(await waitForEvent(reader, 'change')).toEqual({ files: ['content/sections/evidence/poverty-plans.md'] });
      expect((await json('/api/picks?topic=learning-plans')).body.populations).toMatchObject({ 'english-learners': 3 });
      await writeFile(path.join(preview.root, 'output/ignored.txt'), 'x');
      await writeFile(path.join(preview.root, 'briefwright.yaml'), 'defaults:\n  theme: default\n');
      expect(await waitForEvent(reader, 'change')).toEqual({ files: ['briefwright.yaml'] });
    } finally {
      await reader.cancel();
    }
  });
});

describe('preview server: a project that cannot be read', () => {
  it('lists the problems on the page (422), and recovers when the file is fixed', async () => {
    const events = await get('/events');
    const reader = events.body!.getReader();
    await waitForEvent(reader, 'hello');
    const file = path.join(preview.root, 'content/sections/practices/learning-plans.md');
    const original = await readFile(file, 'utf8');
    try {
      await writeFile(file, original.replace('kind: practice', 'kind: practise'));
      await waitForEvent(reader, 'change');
      const page = await get('/');
      expect(page.status).toBe(422);
      const text = toString(fromHtml(await page.text()));
      expect(text).toContain('cannot be read');
      expect(text).toContain("content/sections/practices/learning-plans.md:5:7: unknown kind 'practise' (did you mean 'practice'?)");
      expect((await json('/api/picks?population=els')).status).toBe(422);
    } finally {
      await writeFile(file, original);
      await waitForEvent(reader, 'change');
      await reader.cancel();
    }
    expect((await get('/')).status).toBe(200);
  });
});

describe('preview server: saving recipes', () => {
  it('writes briefs/<slug>.yaml that build then builds, and refuses to overwrite unless asked', async () => {
    const saved = await post({ slug: 'el-plans', population: ['els'], topic: ['learning-plans'], title: 'Plans for English Learners', template: 'brief' });
    expect(saved.status).toBe(201);
    expect(await saved.json()).toEqual({ file: 'briefs/el-plans.yaml', name: 'el-plans', replaced: false });
    const recipe = await readRecipe(preview.root, 'briefs/el-plans.yaml');
    // Dated the day it was saved, so building it later makes the same brief.
    expect(recipe.fields).toEqual({ title: 'Plans for English Learners', date: defaultDate(), populations: ['els'], topics: ['learning-plans'], template: 'brief' });
    expect(recipe.source).toContain(`title: Plans for English Learners\ndate: ${defaultDate()}\npopulations: [els]\n`);
    const [result] = await build({ root: preview.root, recipes: ['el-plans'], fields: { formats: ['html'] } });
    expect(result?.status).toBe('built');

    const again = await post({ slug: 'el-plans', population: ['swds'] });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toBe('briefs/el-plans.yaml already exists; tick "replace" to overwrite it');
    const replaced = await post({ slug: 'el-plans', overwrite: true, population: 'swds' });
    expect(replaced.status).toBe(200);
    expect((await readRecipe(preview.root, 'briefs/el-plans.yaml')).fields.populations).toEqual(['swds']);
  });

  it.each([
    [{ slug: '../escape', population: ['els'] }, 400, 'slug: must be lowercase letters, digits and hyphens, starting with a letter or digit'],
    [{ slug: 'Capital', population: ['els'] }, 400, 'slug: must be lowercase letters, digits and hyphens, starting with a letter or digit'],
    [{ slug: 'a/b', population: ['els'] }, 400, 'slug: must be lowercase letters, digits and hyphens, starting with a letter or digit'],
    [{ population: ['els'] }, 400, 'slug: Invalid input: expected string, received undefined'],
    [{ slug: 'x', population: ['nobody'] }, 400, "population: unknown population 'nobody'"],
    [{ slug: 'x', population: ['els'], formats: ['pdf'] }, 400, "unknown field 'formats'"],
    [{ slug: 'x', population: ['swds'], topic: ['learning-plans'], template: 'annotated' }, 400, "template: unknown template 'annotated' (did you mean 'annotated-bibliography'?)"],
    [{ slug: 'x', topic: ['learning-plans'] }, 400, "pick at least one population (or 'all')"],
    ['{"slug": ', 400, 'request body is not valid JSON'],
  ])('refuses %j with %i', async (body, status, message) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toContain(message);
    expect(existsSync(path.join(preview.root, 'briefs/x.yaml'))).toBe(false);
    expect(existsSync(path.join(preview.root, 'escape.yaml'))).toBe(false);
  });

  it('refuses a recipe that would pick nothing (422, in build’s words) and a name taken by a .yml file (409)', async () => {
    const events = await get('/events');
    const reader = events.body!.getReader();
    await waitForEvent(reader, 'hello');
    const taxonomy = path.join(preview.root, 'content/taxonomy.yaml');
    await writeFile(taxonomy, `${await readFile(taxonomy, 'utf8')}  - id: family-engagement\n    label: Family engagement\n`);
    await waitForEvent(reader, 'change');
    await reader.cancel();
    const problem = "no section matches population students-with-disabilities with topic family-engagement\n  students-with-disabilities has sections on: learning-plans, technology-access\n  family-engagement has sections for: (none)";
    expect((await json('/api/picks?population=swds&topic=family-engagement')).body.problem).toBe(problem);
    const empty = await post({ slug: 'nothing', population: ['swds'], topic: ['family-engagement'] });
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { error: string }).error).toBe(problem);
    expect(existsSync(path.join(preview.root, 'briefs/nothing.yaml'))).toBe(false);
    await writeFile(path.join(preview.root, 'briefs/taken.yml'), 'populations: [els]\n');
    const taken = await post({ slug: 'taken', population: ['els'] });
    expect(taken.status).toBe(409);
  });

  it('refuses writes from other sites, other hosts, and bodies that are not JSON', async () => {
    expect((await post({ slug: 'x', population: ['els'] }, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ slug: 'x', population: ['els'] }, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    const text = await fetch(preview.url('/api/recipes'), { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    const rebinding = await rawRequest(preview.url('/api/picks?population=els'), { headers: { Host: 'attacker.example:4321' } });
    expect(rebinding.status).toBe(403);
    expect(JSON.parse(rebinding.body).error).toContain("host 'attacker.example:4321' is not served");
    const local = await rawRequest(preview.url('/api/picks?population=els'), { headers: { Host: `localhost:${preview.server.port}` } });
    expect(local.status).toBe(200);
    expect(existsSync(path.join(preview.root, 'briefs/x.yaml'))).toBe(false);
  });
});

describe('starting the preview', () => {
  it('binds loopback by default, and says so when the port is taken', async () => {
    expect(preview.server.host).toBe('127.0.0.1');
    await expect(startPreview({ root: preview.root, port: preview.server.port })).rejects.toThrow(
      `port ${preview.server.port} on 127.0.0.1 is in use; pass --port with another number, or --port 0 for any free port`,
    );
  });

  it('refuses a folder that is not a project', async () => {
    await expect(startPreview({ root: path.join(preview.root, 'content'), port: 0 })).rejects.toThrow(/^not a briefwright project: content\/taxonomy.yaml not found/);
  });
});
