import sharp from 'sharp';
import { errorCode, startTestApp, type TestApp } from '../support/app';
import { fakeJpeg, phonePhoto, upload } from '../support/attachments';
import { freshHazard, scopeOf, townOutside, type Scope } from '../support/hazard-fixtures';

const MB = 1024 * 1024;
const ATTACHMENTS = `query ($id: ID!) { hazard(id: $id) { attachments { id kind contentType fileName width height url thumbnailUrl }
  history { event } } }`;
const ATTACHMENT = 'query ($id: ID!) { attachment(id: $id) { id } }';
const VERIFY = 'mutation ($id: ID!, $v: Int!) { verifyRectification(id: $id, version: $v, passed: true, note: "合格", evaluation: "评估合格") { status } }';

let app: TestApp;
let town: Scope;
let townToken: string;

beforeAll(async () => {
  app = await startTestApp({ PUBLIC_REPORTS_PER_HOUR: '20' });
  town = await scopeOf(app.db.pool, 'town');
  townToken = await app.login('town');
});
afterAll(() => app.close());

const countOf = async (hazardId: string) =>
  (await app.db.pool.query('select count(*)::int as n from attachments where hazard_id = $1', [hazardId])).rows[0].n as number;

const get = (path: string, token?: string) => fetch(`${app.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('a photo of a hazard (整改前后照片)', () => {
  it('is added by the town official, stored upright, shrunk, without its metadata, with a thumbnail, and listed in the history', async () => {
    const hazard = await freshHazard(app.db.pool, town);
    const sent = await upload(app.baseUrl, '/attachments', { entity: 'hazard', recordId: hazard.id, kind: 'BEFORE' },
      [{ name: '现场.jpeg', bytes: await phonePhoto(4000, 2000) }], townToken);
    expect(sent.status).toBe(201);

    const { data } = await app.gql(ATTACHMENTS, { id: hazard.id }, townToken);
    const [photo] = data.hazard.attachments;
    // Turned by its EXIF orientation and shrunk to 2048 px on the long edge.
    expect(photo).toMatchObject({ kind: 'BEFORE', contentType: 'image/jpeg', fileName: '现场.jpg', width: 1024, height: 2048 });
    expect(data.hazard.history.map((entry: { event: string }) => entry.event)).toContain('ATTACHMENT_ADDED');

    const file = await get(photo.url, townToken);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    const stored = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
    expect(stored.exif).toBeUndefined();
    expect(stored.orientation).toBeUndefined();
    const thumbnail = await sharp(Buffer.from(await (await get(photo.thumbnailUrl, townToken)).arrayBuffer())).metadata();
    expect(Math.max(thumbnail.width!, thumbnail.height!)).toBe(320);
  });

  it('of 20 MB is refused with a readable error and nothing is written', async () => {
    const hazard = await freshHazard(app.db.pool, town);
    const sent = await upload(app.baseUrl, '/attachments', { entity: 'hazard', recordId: hazard.id, kind: 'BEFORE' },
      [{ name: 'big.jpg', bytes: Buffer.concat([await phonePhoto(), Buffer.alloc(20 * MB)]) }], townToken);
    expect(sent.status).toBe(413);
    expect(sent.body.errors[0]).toMatchObject({ message: 'a file may be at most 10 MB', extensions: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await countOf(hazard.id)).toBe(0);
  });

  it('that is not an image, though named .jpg, is refused by its content and nothing is written', async () => {
    const hazard = await freshHazard(app.db.pool, town);
    const sent = await upload(app.baseUrl, '/attachments', { entity: 'hazard', recordId: hazard.id, kind: 'AFTER' },
      [{ name: 'good.jpg', bytes: await phonePhoto() }, { name: 'photo.jpg', bytes: fakeJpeg() }], townToken);
    expect(sent.status).toBe(400);
    expect(sent.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'file' });
    expect(sent.body.errors[0].message).toMatch(/photo\.jpg is neither a photo/);
    expect(await countOf(hazard.id)).toBe(0);
  });

  it('of an inspection is evidence, listed in the inspection\'s attachments and history', async () => {
    const { rows: [inspection] } = await app.db.pool.query(
      'select id from inspections where town_code = $1 and sector = $2 order by id limit 1', [town.townCode, town.sector]);
    const wrongKind = await upload(app.baseUrl, '/attachments', { entity: 'inspection', recordId: String(inspection.id), kind: 'AFTER' },
      [{ name: 'a.jpg', bytes: await phonePhoto() }], townToken);
    expect(wrongKind.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'kind' });
    const sent = await upload(app.baseUrl, '/attachments', { entity: 'inspection', recordId: String(inspection.id) },
      [{ name: '检查记录.jpg', bytes: await phonePhoto() }], townToken);
    expect(sent.status).toBe(201);
    const { data } = await app.gql('query ($id: ID!) { inspection(id: $id) { attachments { id kind } history { event changes { field } } } }',
      { id: String(inspection.id) }, townToken);
    expect(data.inspection.attachments).toContainEqual({ id: sent.body.attachments[0].id, kind: 'EVIDENCE' });
    expect(data.inspection.history).toContainEqual({ event: 'ATTACHMENT_ADDED', changes: [{ field: 'attachment' }] });
  });

  it('is refused to a leader, who reads but does not write', async () => {
    const hazard = await freshHazard(app.db.pool, town);
    const sent = await upload(app.baseUrl, '/attachments', { entity: 'hazard', recordId: hazard.id, kind: 'BEFORE' },
      [{ name: 'a.jpg', bytes: await phonePhoto() }], await app.login('leader'));
    expect(sent.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await countOf(hazard.id)).toBe(0);
  });
});

describe('an attachment of another town', () => {
  let id: string;
  let hazardId: string;

  beforeAll(async () => {
    const other = await townOutside(app.db.pool, town.townCode);
    hazardId = (await freshHazard(app.db.pool, { ...other, sector: 'FIRE_SAFETY', enterpriseId: null })).id;
    const photo = await phonePhoto();
    const { rows: [row] } = await app.db.pool.query(
      `insert into attachments (hazard_id, kind, content_type, file_name, byte_size, width, height, content, thumbnail)
       values ($1, 'BEFORE', 'image/jpeg', 'x.jpg', $2, 400, 200, $3, $3) returning id`, [hazardId, photo.length, photo]);
    id = String(row.id);
  });

  it('is refused to the town official by id', async () => {
    const result = await app.gql(ATTACHMENT, { id }, townToken);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ attachment: null });
  });

  it('is refused to the town official who guesses its URL, the same as one that does not exist', async () => {
    for (const path of [`/attachments/${id}`, `/attachments/${id}/thumbnail`]) {
      const response = await get(path, townToken);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ errors: [{ message: 'attachment not found', extensions: { code: 'NOT_FOUND' } }] });
    }
    expect((await get('/attachments/999999999', townToken)).status).toBe(404);
    expect((await get(`/attachments/${id}`)).status).toBe(404);
  });

  it('is served to staff whose scope holds it', async () => {
    expect((await get(`/attachments/${id}`, await app.login('admin'))).status).toBe(200);
  });

  it('cannot be added by the town official to a hazard of another town', async () => {
    const sent = await upload(app.baseUrl, '/attachments', { entity: 'hazard', recordId: hazardId, kind: 'BEFORE' },
      [{ name: 'a.jpg', bytes: await phonePhoto() }], townToken);
    expect(sent.status).toBe(404);
    expect(await countOf(hazardId)).toBe(1);
  });
});

describe('a major hazard\'s verification when the deployment requires an after photo', () => {
  beforeAll(() => app.db.pool.query('update app.deployment set after_photo_required = true'));
  afterAll(() => app.db.pool.query('update app.deployment set after_photo_required = false'));

  it('is refused without an AFTER photo and passes once the photo is there', async () => {
    const hazard = await freshHazard(app.db.pool, town, 'AWAITING_VERIFICATION', 'MAJOR');
    const admin = await app.login('admin');
    const refused = await app.gql(VERIFY, { id: hazard.id, v: hazard.version }, admin);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'AFTER_PHOTO_REQUIRED' });

    const before = await upload(app.baseUrl, '/attachments', { entity: 'hazard', recordId: hazard.id, kind: 'BEFORE' },
      [{ name: 'b.jpg', bytes: await phonePhoto() }], townToken);
    expect(before.status).toBe(201);
    expect(errorCode(await app.gql(VERIFY, { id: hazard.id, v: hazard.version }, admin))).toBe('BAD_USER_INPUT');

    const after = await upload(app.baseUrl, '/attachments', { entity: 'hazard', recordId: hazard.id, kind: 'AFTER' },
      [{ name: 'a.jpg', bytes: await phonePhoto() }], townToken);
    expect(after.status).toBe(201);
    const passed = await app.gql(VERIFY, { id: hazard.id, v: hazard.version }, admin);
    expect(passed.errors).toBeUndefined();
    expect(passed.data.verifyRectification.status).toBe('CLOSED');
  });
});

describe('a citizen\'s report with photos (群众举报)', () => {
  const REPORT = 'mutation ($input: PublicReportInput!) { reportHazardPublic(input: $input) { receipt } }';
  const STATUS = 'query ($r: String!) { publicReportStatus(receipt: $r) { receipt status reportedAt statusChangedAt closedAt } }';
  let receipt: string;

  beforeAll(async () => {
    const result = await app.gql(REPORT, { input: {
      description: '楼道堆放杂物堵塞消防通道', sector: 'FIRE_SAFETY', contact: '139****1111', location: { lng: town.lng, lat: town.lat },
    } });
    receipt = result.data.reportHazardPublic.receipt;
  });

  it('takes up to three photos by its receipt, without signing in, and no more', async () => {
    const photo = await phonePhoto();
    const three = await upload(app.baseUrl, '/attachments/public', { receipt },
      [1, 2, 3].map((n) => ({ name: `${n}.jpg`, bytes: photo })));
    expect(three).toEqual({ status: 201, body: { added: 3 } });
    const fourth = await upload(app.baseUrl, '/attachments/public', { receipt }, [{ name: '4.jpg', bytes: photo }]);
    expect(fourth.status).toBe(400);
    expect(fourth.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'receipt' });
    const { rows } = await app.db.pool.query(
      'select a.kind, a.uploaded_by from attachments a join hazards h on h.id = a.hazard_id where h.code = $1', [receipt]);
    expect(rows).toEqual([1, 2, 3].map(() => ({ kind: 'BEFORE', uploaded_by: null })));
  });

  it('refuses a photo to an unknown receipt and a non-image, writing nothing', async () => {
    const unknown = await upload(app.baseUrl, '/attachments/public', { receipt: 'GZ-000000000-20260101-ABCDEF' }, [{ name: 'a.jpg', bytes: await phonePhoto() }]);
    expect(unknown.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const { rows: [report] } = await app.db.pool.query(
      `insert into hazards (code, description, level, sector, source, location, town_code, found_at)
       values ('GZ-T-' || md5(random()::text), '群众举报', 'GENERAL', 'FIRE_SAFETY', 'PUBLIC_REPORT', st_setsrid(st_makepoint($1, $2), 4326), $3, now())
       returning id, code`, [town.lng, town.lat, town.townCode]);
    const fake = await upload(app.baseUrl, '/attachments/public', { receipt: report.code }, [{ name: 'a.jpg', bytes: fakeJpeg() }]);
    expect(fake.status).toBe(400);
    expect(fake.body.errors[0].message).toBe('a.jpg is not a photo (JPEG, PNG, WebP, HEIF)');
    expect(await countOf(String(report.id))).toBe(0);
  });

  it('shows its status and dates to anyone with the receipt, and nothing else', async () => {
    const result = await app.gql(STATUS, { r: receipt });
    expect(result.data.publicReportStatus).toEqual({
      receipt, status: 'REPORTED', reportedAt: expect.any(String), statusChangedAt: null, closedAt: null,
    });
    expect((await app.gql(STATUS, { r: 'GZ-nothing' })).data.publicReportStatus).toBeNull();
    // Only the fields above exist: no description, contact or notes to ask for.
    expect(errorCode(await app.gql('query ($r: String!) { publicReportStatus(receipt: $r) { contact } }', { r: receipt })))
      .toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('keeps its photos from the public', async () => {
    const { rows: [row] } = await app.db.pool.query(
      'select a.id from attachments a join hazards h on h.id = a.hazard_id where h.code = $1 limit 1', [receipt]);
    expect((await get(`/attachments/${row.id}`)).status).toBe(404);
    expect((await get(`/attachments/${row.id}`, townToken)).status).toBe(200);
  });
});
