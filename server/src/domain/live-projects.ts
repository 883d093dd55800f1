/**
 * a registry change may not remove a house from under a live repair project — the project
 * would debit or refund (清退) an account that is closed. One sentence per project, naming it and
 * the houses concerned (the first few, then how many in all), saying what to do.
 */
export function liveProjectRefusals(
  action: string,
  hits: readonly { projectId: number; no: string; name: string; house: string }[],
  shown = 5,
): string[] {
  const byProject = new Map<number, { no: string; name: string; houses: string[] }>();
  for (const h of hits) {
    const p = byProject.get(h.projectId) ?? { no: h.no, name: h.name, houses: [] };
    if (!p.houses.includes(h.house)) p.houses.push(h.house);
    byProject.set(h.projectId, p);
  }
  return [...byProject.values()].map((p) => {
    const listed = p.houses.slice(0, shown).join('、');
    const more = p.houses.length > shown ? ` 等 ${p.houses.length} 套` : '';
    return `房屋 ${listed}${more} 在维修项目“${p.name}”（${p.no}）的分摊范围内，该项目完成或撤销前不能${action}`;
  });
}
