import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
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
  children: ReactNode;
}

/**
 * An A4 page for the browser's print dialog (SPEC §10 Printing): platform title, document title and
 * number (barcode + QR), print date, the document itself, and signature/seal boxes. The toolbar
 * is not printed.
 */
export function PrintLayout({ title, number, signatures = [], backTo = '/workspace', children }: PrintLayoutProps) {
  useDocumentTitle(title);
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
        <header className="print-head">
          <div>
            <p className="print-platform">{PLATFORM_TITLE}</p>
            <h1 className="print-title">{title}</h1>
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
      </article>
    </div>
  );
}
