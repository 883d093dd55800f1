import { sql } from 'drizzle-orm';
import { type Conn, rowsOf } from '../../db/client.ts';
import { evoteBallots } from '../../db/schema/index.ts';
import { ballotHash, evotePhase, genesisHash, normaliseReceipt, receiptCode } from '../../domain/evote.ts';
import { maskIdNumber } from '../../domain/id-card.ts';
import { CHOICE_LABELS, type Choice } from '../../domain/vote.ts';
import type { Ctx, OwnerActor } from '../../lib/context.ts';
import { forbidden, invalid, notFound, ruleRefusal } from '../../lib/errors.ts';
import { audit } from '../audit/audit.ts';
import { requireOwner } from '../owners/service.ts';
import { evoteTimes } from './service.ts';

const { fmt } = evoteTimes;

/**
 * The owner's houses as SQL: live bindings whose ID number is still on record for the house
 * (the same test as the owner's house list, F-80).
 */
const ownedHouses = (owner: OwnerActor) =>
  sql`(select ob.house_id from owner_bindings ob
      where ob.owner_id = ${owner.ownerId} and ob.ended_at is null
        and exists (select 1 from house_owners ho where ho.house_id = ob.house_id and upper(ho.id_number) = ${owner.idNumber}))`;

const houseLabel = sql`(b.name || u.name || h.room)`;

/**
 * F-82: the owner's votes — for each house of theirs in the range of a project whose current
 * initiation notice has an e-vote: the project, the notice, the period, whether it takes ballots
 * now, and the house's counted choice with its receipt.
 */
export async function ownerEvotes(ctx: Ctx) {
  const owner = requireOwner(ctx);
  const now = ctx.clock.now();
  const rows = await rowsOf<{
    evote_id: string;
    project_id: string;
    project_no: string;
    project_name: string;
    area: string;
    notice_no: string;
    notice_title: string;
    opens_at: Date | string;
    closes_at: Date | string;
    status: 'open' | 'closed';
    house_id: string;
    house: string;
    address: string;
    choice: Choice | null;
    receipt_code: string | null;
    cast_at: Date | string | null;
  }>(
    ctx.db,
    sql`select e.id::text as evote_id, p.id::text as project_id, p.no as project_no, p.name as project_name, a.name as area,
        n.no as notice_no, n.title as notice_title, e.opens_at, e.closes_at, e.status,
        h.id::text as house_id, ${houseLabel} as house, h.address, lb.choice, lb.receipt_code, lb.cast_at
      from ${ownedHouses(owner)} oh
      join houses h on h.id = oh.house_id
      join buildings b on b.id = h.building_id join units u on u.id = h.unit_id
      join project_evotes e on exists (select 1 from project_item_houses s where s.project_id = e.project_id and s.house_id = h.id)
      join repair_projects p on p.id = e.project_id
      join property_areas a on a.id = p.area_id
      join project_notices n on n.id = e.notice_id
      left join lateral (select x.choice, x.receipt_code, x.cast_at from evote_ballots x
        where x.evote_id = e.id and x.house_id = h.id order by x.seq desc limit 1) lb on true
      where p.status <> 'cancelled'
        and e.notice_id = (select max(n2.id) from project_notices n2 where n2.project_id = p.id and n2.kind = 'initiation')
      order by e.closes_at desc, e.id, h.id`,
  );
  return {
    items: rows.map((r) => {
      const opensAt = new Date(r.opens_at);
      const closesAt = new Date(r.closes_at);
      return {
        evoteId: Number(r.evote_id),
        projectId: Number(r.project_id),
        projectNo: r.project_no,
        projectName: r.project_name,
        area: r.area,
        noticeNo: r.notice_no,
        noticeTitle: r.notice_title,
        opensAt,
        closesAt,
        phase: evotePhase({ opensAt, closesAt, status: r.status }, now),
        houseId: Number(r.house_id),
        house: r.house,
        address: r.address,
        choice: r.choice,
        receiptCode: r.receipt_code,
        castAt: r.cast_at === null ? null : new Date(r.cast_at),
      };
    }),
  };
}

/** Whether the house is the owner's (live binding, ID number on record). */
async function ownsHouse(db: Conn, owner: OwnerActor, houseId: number) {
  const [r] = await rowsOf<{ yes: boolean }>(
    db,
    sql`select exists (select 1 from ${ownedHouses(owner)} oh where oh.house_id = ${houseId}) as yes`,
  );
  return r?.yes === true;
}

/**
 * F-82 / R-81 / R-82 网上投票: one ballot for one of the owner's houses in the vote's range, between
 * the start and the end; a later ballot for the same house replaces the earlier one in the count.
 * The e-vote row is locked for the append, so the chain stays one line whatever the concurrency:
 * each ballot's hash covers the previous one's. Everything that does not depend on the chain's end
 * is checked before the lock, so the ballots of one vote queue only for the append itself (the lock,
 * the insert and the audit row). The answer carries the receipt code.
 */
export async function castBallot(ctx: Ctx, input: { evoteId: number; houseId: number; choice: Choice }) {
  const owner = requireOwner(ctx);
  return ctx.db.transaction(async (tx) => {
    if (!(await ownsHouse(tx, owner, input.houseId))) throw forbidden('只能为本人已绑定的房屋投票');
    const [v] = await rowsOf<{ in_range: boolean; project_no: string; project_status: string; current_notice: boolean }>(
      tx,
      sql`select exists (select 1 from project_item_houses s where s.project_id = e.project_id and s.house_id = ${input.houseId}) as in_range,
            p.no as project_no, p.status as project_status,
            e.notice_id = (select max(n.id) from project_notices n where n.project_id = e.project_id and n.kind = 'initiation') as current_notice
          from project_evotes e join repair_projects p on p.id = e.project_id
          where e.id = ${input.evoteId}`,
    );
    if (!v) throw notFound('电子投票');
    if (!v.in_range) throw invalid('houseId', '该房屋不在本项目的表决范围内，不能参加本次投票');
    // The lock: the e-vote as it stands now (a closed vote takes nothing). The chain's last link is read
    // after it, in a statement of its own: one taken in the locking statement would be read from the
    // snapshot before the wait, and two ballots would claim the same place in the chain.
    const [e] = await rowsOf<{ opens_at: Date | string; closes_at: Date | string; status: 'open' | 'closed' }>(
      tx,
      sql`select e.opens_at, e.closes_at, e.status from project_evotes e where e.id = ${input.evoteId} for update`,
    );
    if (!e) throw notFound('电子投票');
    // Read under the lock: a ballot after the end is refused even if the closing job has not run yet.
    const now = ctx.clock.now();
    const times = { opensAt: new Date(e.opens_at), closesAt: new Date(e.closes_at) };
    const phase = evotePhase({ ...times, status: e.status }, now);
    if (phase === 'pending') throw ruleRefusal(409, 'EVOTE_PENDING', 'F-82', `投票尚未开始，请于 ${fmt(times.opensAt)} 以后再投票`);
    if (phase === 'closed') throw ruleRefusal(409, 'EVOTE_CLOSED', 'F-82', `投票已于 ${fmt(times.closesAt)} 结束，不能再投票或修改`);
    if (v.project_status === 'cancelled' || !v.current_notice) {
      throw ruleRefusal(409, 'EVOTE_VOID', 'R-51', '本次投票所依据的立项公示已重新发布或项目已撤销，投票已失效');
    }
    const [last] = await rowsOf<{ last_seq: string; hash: string }>(
      tx,
      sql`select b.seq::text as last_seq, b.hash from evote_ballots b where b.evote_id = ${input.evoteId} order by b.seq desc limit 1`,
    );
    const prevHash = last?.hash ?? genesisHash(input.evoteId);
    const ballot = {
      evoteId: input.evoteId,
      seq: Number(last?.last_seq ?? 0) + 1,
      houseId: input.houseId,
      ownerId: owner.ownerId,
      choice: input.choice,
      castAt: now,
    };
    const hash = ballotHash(prevHash, ballot);
    const receipt = receiptCode(hash);
    const [row] = await tx
      .insert(evoteBallots)
      .values({ ...ballot, prevHash, hash, receiptCode: receipt })
      .returning({
        id: evoteBallots.id,
        // Whether this replaces an earlier ballot of the house: read in the insert, under the lock.
        changed: sql<boolean>`exists (select 1 from evote_ballots x where x.evote_id = ${input.evoteId} and x.house_id = ${input.houseId} and x.seq < ${ballot.seq})`,
      });
    if (!row) throw new Error('ballot not written');
    const changed = row.changed === true;
    // The choice itself stays in the ballot table; the audit row says who cast which ballot, not how.
    await audit(tx, ctx, {
      action: 'evote.ballot',
      entity: 'evote',
      entityId: input.evoteId,
      summary: `业主 ${maskIdNumber(owner.idNumber)} 为 ${v.project_no} 网上投票（房屋 ${input.houseId}${changed ? '，修改此前的投票' : ''}），回执码 ${receipt}`,
      after: {
        ballotId: row.id,
        seq: ballot.seq,
        houseId: input.houseId,
        ownerId: owner.ownerId,
        receiptCode: receipt,
        hash,
        replaces: changed,
      },
    });
    return { ballotId: row.id, houseId: input.houseId, choice: input.choice, castAt: now, receiptCode: receipt, changed };
  });
}

/**
 * R-82 查验回执: the ballot with this receipt among the owner's own houses — house, choice, time,
 * and whether it is the ballot that counts for the house (a later ballot replaces it).
 */
export async function checkReceipt(ctx: Ctx, code: string) {
  const owner = requireOwner(ctx);
  const receipt = normaliseReceipt(code);
  if (!receipt) throw invalid('code', '回执码为 12 位数字或字母 A–F（如 1A2B-3C4D-5E6F），请核对后重新输入');
  const rows = await rowsOf<{
    ballot_id: string;
    project_name: string;
    house: string;
    address: string;
    choice: Choice;
    cast_at: Date | string;
    counted: boolean;
    closes_at: Date | string;
    status: 'open' | 'closed';
    opens_at: Date | string;
  }>(
    ctx.db,
    sql`select x.id::text as ballot_id, p.name as project_name, ${houseLabel} as house, h.address, x.choice, x.cast_at,
        not exists (select 1 from evote_ballots y where y.evote_id = x.evote_id and y.house_id = x.house_id and y.seq > x.seq) as counted,
        e.closes_at, e.opens_at, e.status
      from evote_ballots x
      join project_evotes e on e.id = x.evote_id
      join repair_projects p on p.id = e.project_id
      join houses h on h.id = x.house_id
      join buildings b on b.id = h.building_id join units u on u.id = h.unit_id
      where x.receipt_code = ${receipt} and x.house_id in ${ownedHouses(owner)}
      order by x.id`,
  );
  if (rows.length === 0) throw notFound(`回执码 ${receipt} 对应的本人房屋选票`);
  const now = ctx.clock.now();
  return {
    receiptCode: receipt,
    items: rows.map((r) => {
      const castAt = new Date(r.cast_at);
      const phase = evotePhase({ opensAt: new Date(r.opens_at), closesAt: new Date(r.closes_at), status: r.status }, now);
      return {
        ballotId: Number(r.ballot_id),
        projectName: r.project_name,
        house: r.house,
        address: r.address,
        choice: r.choice,
        castAt,
        counted: r.counted,
        message: r.counted
          ? `已计入：房屋 ${r.house}，${CHOICE_LABELS[r.choice]}，${fmt(castAt)}${phase === 'closed' ? '（投票已结束）' : ''}`
          : `已被该房屋此后的投票替代：房屋 ${r.house}，原投 ${CHOICE_LABELS[r.choice]}，${fmt(castAt)}；以最后一次投票为准`,
      };
    }),
  };
}
