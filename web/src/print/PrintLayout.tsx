import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { type ReactNode, useLayoutEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import { PLATFORM_TITLE } from '../app/theme';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { dayjs, PLATFORM_TIME_ZONE } from '../lib/dates';
import { Barcode } from './Barcode';
import { QrCode } from './QrCode';
import './print.css';

export interface PrintLayoutProps {
  /** The document's title, e.g. 机构注册登记表. */
  title: string;
  /** The document's number, printed as text, Code128 barcode and QR code. */
  number?: string;
  /** Boxes for signatures and seals at the foot of the page, e.g. 经办人签字, 单位盖章. */
  signatures?: string[];
  /** Where 返回 leads: the workspace, or a public page for documents anyone may print. */
  backTo?: string;
  /**
   * A form of one record: it must come out on one sheet with its signatures, so a long one is
   * printed slightly smaller (down to FIT_FLOOR) rather than leaving the signature boxes alone on a
   * second sheet.
   */
  onePage?: boolean;
  children: ReactNode;
}

/** The smallest a one-page form is shrunk to: below it, text gets too small to sign against. */
export const FIT_FLOOR = 0.78;

/** Shrinks the sheet's content until it fits one A4 sheet (267 mm of content), no further than FIT_FLOOR. */
function useFitOnePage(enabled: boolean) {
  const content = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = content.current;
    if (!enabled || !el || !probe.current) return;
    const fit = () => {
      el.style.zoom = '';
      const room = probe.current?.getBoundingClientRect().height ?? 0;
      const height = el.getBoundingClientRect().height;
      // A few pixels free for the rounding between screen and print.
      const scale = height > room - 8 ? Math.max(FIT_FLOOR, (room - 8) / height) : 1;
      if (scale < 1) el.style.zoom = String(Math.floor(scale * 1000) / 1000);
    };
    fit();
    const observer = new ResizeObserver(() => {
      if (!el.style.zoom) fit();
    });
    observer.observe(el);
    void document.fonts?.ready.then(fit);
    return () => observer.disconnect();
  });
  return { content, probe };
}

/**
 * An A4 page for the browser's print dialog (SPEC §10 Printing): platform title, document title and
 * number (barcode + QR), print date, the document itself, and signature/seal boxes. The toolbar
 * is not printed.
 */
export function PrintLayout({ title, number, signatures = [], backTo = '/workspace', onePage = false, children }: PrintLayoutProps) {
  useDocumentTitle(title);
  const fit = useFitOnePage(onePage);
  const navigate = useNavigate();
  const printedOn = dayjs().tz(PLATFORM_TIME_ZONE).format('YYYY年MM月DD日');
  return (
    <div className="print-screen">
      <div className="print-toolbar no-print">
        <Button type="primary" size="large" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
        <Button size="large" icon={<ArrowLeftOutlined />} onClick={() => navigate(backTo)}>
          {backTo === '/workspace' ? '返回工作台' : '返回'}
        </Button>
      </div>
      <article className="print-sheet">
        {onePage && <div ref={fit.probe} className="print-sheet-probe" aria-hidden />}
        <div ref={fit.content} data-testid="print-content">
          <header className="print-head">
            <div>
              <p className="print-platform">{PLATFORM_TITLE}</p>
              <h1 className={title.length > 8 ? 'print-title print-title-long' : 'print-title'}>{title}</h1>
            </div>
            {number && (
              <div className="print-codes">
                <Barcode value={number} />
                <QrCode value={number} />
              </div>
            )}
          </header>
          <div className="print-meta">
            <span>{number ? `编号：${number}` : ''}</span>
            <span>打印日期：{printedOn}</span>
          </div>
          <div className="print-body">{children}</div>
          {signatures.length > 0 && (
            <footer className="print-signatures">
              {signatures.map((label) => (
                <div key={label} className="print-signature">
                  <span className="print-signature-label">{label}：</span>
                </div>
              ))}
            </footer>
          )}
        </div>
      </article>
    </div>
  );
}
