import { Flex, Space, Typography } from 'antd';
import { memo, type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RegistryHouse } from '../../../api/types';
import { formatArea } from '../../../lib/units';
import { floorLabel, idsInRange, idsInRectangle, layoutGrid } from './gridLayout';
import { DEPOSIT_LABELS, DEPOSIT_ORDER, type DepositState } from './depositState';
import { type HouseState, houseState, STATE_LABELS, STATE_ORDER, type SelectabilityRule } from './houseState';
import './grid.css';

/** At most this many rooms a line; a longer floor (a car park) wraps within its unit. */
const MAX_COLUMNS = 16;
const CELL_WIDTH = 68;

export interface GridSelection {
  selected: ReadonlySet<number>;
  /** Why a house cannot be picked, or null when it can. */
  blockedReason: SelectabilityRule;
  add: (houses: RegistryHouse[]) => void;
  remove: (houses: RegistryHouse[]) => void;
}

interface BuildingGridProps {
  houses: readonly RegistryHouse[];
  /** The application being edited: its own held houses count as free. */
  ownNo?: string;
  /** Picking: click toggles, shift-click selects a range, dragging selects a rectangle. */
  selection?: GridSelection;
  /** Browsing: a click opens the house. */
  onOpen?: (house: RegistryHouse) => void;
  maxHeight?: number;
  /** Deposit mode: each house's 交款状态 colours its cell instead of its sales state. */
  deposits?: ReadonlyMap<number, DepositState>;
}

interface CellProps {
  house: RegistryHouse;
  state: HouseState;
  selected: boolean;
  preview: boolean;
  /** Why it cannot be picked (shown on hover), or null. */
  blocked: string | null;
  picking: boolean;
  deposit?: DepositState;
}

const Cell = memo(function Cell({ house, state, selected, preview, blocked, picking, deposit }: CellProps) {
  const label = `${house.building}${house.unit}${house.room}`;
  const stateText =
    STATE_LABELS[state] + (state === 'held' && house.heldBy ? `（${house.heldBy}）` : '') + (deposit ? ` ${DEPOSIT_LABELS[deposit]}` : '');
  const hint = [label, stateText, house.ownerNames && `业主：${house.ownerNames}`, blocked].filter(Boolean).join('\n');
  const colour = deposit && state !== 'cancelled' ? `bg-dep-${deposit}` : `bg-${state}`;
  const className = ['bg-cell', colour, selected && 'bg-selected', preview && 'bg-preview'].filter(Boolean).join(' ');
  return (
    <button
      type="button"
      className={className}
      data-house={house.id}
      title={hint}
      aria-label={`${label} ${stateText}${selected ? ' 已选择' : ''}`}
      aria-pressed={picking ? selected : undefined}
      aria-disabled={picking && blocked ? true : undefined}
    >
      <span>{house.room}</span>
      <small>{formatArea(house.buildingArea)}</small>
    </button>
  );
});

function houseIdOf(target: EventTarget | null): number | undefined {
  const el = target instanceof Element ? target.closest<HTMLElement>('[data-house]') : null;
  return el ? Number(el.dataset.house) : undefined;
}

/**
 * F-10 楼盘表: one building as floors (highest first) × rooms grouped by unit, each room coloured by
 * its state. Cells are plain buttons drawn once per change of their own props, and every mouse
 * event is handled once on the grid, so a building of 1,000 houses stays quick.
 */
export function BuildingGrid({ houses, ownNo, selection, onOpen, maxHeight = 520, deposits }: BuildingGridProps) {
  const layout = useMemo(() => layoutGrid(houses), [houses]);
  const byId = useMemo(() => new Map(houses.map((h) => [h.id, h])), [houses]);
  const [drag, setDrag] = useState<{ start: number; end: number }>();
  const dragStart = useRef<number | undefined>(undefined);
  const suppressClick = useRef(false);
  const anchor = useRef<number | undefined>(undefined);

  const preview = useMemo(() => new Set(drag ? idsInRectangle(layout, drag.start, drag.end) : []), [drag, layout]);

  const pickable = useCallback(
    (ids: number[]) => ids.map((id) => byId.get(id)).filter((h): h is RegistryHouse => !!h && !selection?.blockedReason(h)),
    [byId, selection],
  );

  // A drag ends wherever the mouse is released, even outside the grid.
  useEffect(() => {
    if (!selection) return;
    const onUp = () => {
      const start = dragStart.current;
      dragStart.current = undefined;
      setDrag((current) => {
        if (current && start !== undefined && current.end !== start) {
          const hit = pickable(idsInRectangle(layout, start, current.end));
          // Dragging from a selected room clears the rectangle; from any other room, selects it.
          if (selection.selected.has(start)) selection.remove(hit);
          else selection.add(hit);
          suppressClick.current = true;
          anchor.current = current.end;
        }
        return undefined;
      });
    };
    window.addEventListener('mouseup', onUp);
    return () => window.removeEventListener('mouseup', onUp);
  }, [layout, pickable, selection]);

  const onMouseDown = (e: MouseEvent) => {
    if (!selection || e.button !== 0 || e.shiftKey) return;
    const id = houseIdOf(e.target);
    if (id === undefined) return;
    e.preventDefault();
    dragStart.current = id;
    suppressClick.current = false;
  };

  const onMouseOver = (e: MouseEvent) => {
    const start = dragStart.current;
    if (start === undefined) return;
    const id = houseIdOf(e.target);
    if (id !== undefined) setDrag((d) => (d?.end === id ? d : id === start && !d ? d : { start, end: id }));
  };

  const onClick = (e: MouseEvent) => {
    const id = houseIdOf(e.target);
    const house = id === undefined ? undefined : byId.get(id);
    if (!house) return;
    if (suppressClick.current) {
      suppressClick.current = false;
      return;
    }
    if (!selection) {
      onOpen?.(house);
      return;
    }
    if (e.shiftKey && anchor.current !== undefined) {
      selection.add(pickable(idsInRange(layout, anchor.current, house.id)));
    } else if (selection.selected.has(house.id)) {
      selection.remove([house]);
    } else if (!selection.blockedReason(house)) {
      selection.add([house]);
    }
    anchor.current = house.id;
  };

  const unitWidth = (columns: number) => Math.min(columns, MAX_COLUMNS) * (CELL_WIDTH + 4) - 4;

  return (
    <Flex vertical gap={8}>
      <GridLegend picking={!!selection} deposits={!!deposits} />
      <section className="bg-scroll" style={{ maxHeight }} aria-label={`${houses[0]?.building ?? ''}楼盘表`}>
        {/* One set of handlers for every cell (each cell is a native button, so keyboards click it too). */}
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: clicks come from the cells' buttons, which keyboards press */}
        {/* biome-ignore lint/a11y/useKeyWithMouseEvents: hovering only extends a mouse drag */}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: event delegation for the cells' buttons */}
        <div className="bg-grid" onMouseDown={onMouseDown} onMouseOver={onMouseOver} onClick={onClick}>
          <div className="bg-row bg-head">
            <div className="bg-floor">楼层</div>
            {layout.units.map((u) => (
              <div key={u.name} className="bg-unit-head" style={{ width: unitWidth(u.columns) }}>
                {u.name || '（无单元）'}
              </div>
            ))}
          </div>
          {layout.rows.map((row) => (
            <div key={row.floor} className="bg-row">
              <div className="bg-floor">{floorLabel(row.floor)}</div>
              {row.units.map((line, u) => (
                <div
                  // biome-ignore lint/suspicious/noArrayIndexKey: units are fixed columns of this layout
                  key={u}
                  className="bg-unit"
                  style={{ gridTemplateColumns: `repeat(${Math.min(line.length, MAX_COLUMNS)}, ${CELL_WIDTH}px)` }}
                >
                  {line.map((h, i) =>
                    h ? (
                      <Cell
                        key={h.id}
                        house={h}
                        state={houseState(h, ownNo)}
                        selected={selection?.selected.has(h.id) ?? false}
                        preview={preview.has(h.id)}
                        blocked={selection ? selection.blockedReason(h) : null}
                        picking={!!selection}
                        deposit={deposits?.get(h.id)}
                      />
                    ) : (
                      // biome-ignore lint/suspicious/noArrayIndexKey: an empty place of a fixed column
                      <span key={`gap-${i}`} className="bg-gap" />
                    ),
                  )}
                </div>
              ))}
            </div>
          ))}
        </div>
      </section>
      {selection && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          单击选择或取消一套房屋；按住 Shift 单击选择一段连续的房屋；按住鼠标拖动选择一个矩形区域（从已选房屋开始拖动则取消该区域）。
        </Typography.Text>
      )}
    </Flex>
  );
}

function GridLegend({ picking, deposits }: { picking: boolean; deposits: boolean }) {
  const entries: [string, string][] = deposits
    ? DEPOSIT_ORDER.map((d) => [`bg-dep-${d}`, DEPOSIT_LABELS[d]])
    : STATE_ORDER.map((s) => [`bg-${s}`, STATE_LABELS[s]]);
  return (
    <Space size={16} wrap aria-label={deposits ? '图例（交款状态）' : '图例'}>
      {entries.map(([className, label]) => (
        <span key={className} style={{ fontSize: 12 }}>
          <span className={`bg-legend ${className}`} />
          {label}
        </span>
      ))}
      {picking && (
        <span style={{ fontSize: 12 }}>
          <span className="bg-legend bg-selected" />
          已选择
        </span>
      )}
    </Space>
  );
}
