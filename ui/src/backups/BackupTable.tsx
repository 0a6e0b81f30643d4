import { Button, Table, Tag, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { BackupInfo } from "../bindings/BackupInfo";
import { formatDateTime } from "../time";
import { formatSize, recommended } from "./backups";

/**
 * The backups, newest first: when and why each was taken, what it holds and
 * its size. The damaged-file screen picks one with a radio button; Settings
 * restores one from its row.
 */
export function BackupTable({
  backups,
  loading,
  testId,
  selected,
  onSelect,
  onRestore,
  recommend = false,
  pageSize = 8,
}: {
  backups: BackupInfo[];
  loading?: boolean;
  testId: string;
  selected?: string | null;
  onSelect?: (file: string) => void;
  onRestore?: (backup: BackupInfo) => void;
  /** Label the newest backup 推荐 (the damaged-file screen). */
  recommend?: boolean;
  pageSize?: number;
}) {
  const { t, i18n } = useTranslation();
  const best = recommend ? recommended(backups)?.file : undefined;
  const when = (ms: number) => formatDateTime(ms, i18n.language);
  const columns: TableColumnsType<BackupInfo> = [
    {
      key: "at",
      title: t("backups.column.at"),
      render: (_, b) => (
        <span style={{ whiteSpace: "nowrap" }}>
          {when(b.at)}
          {b.file === best && (
            <Tag color="green" style={{ marginInlineStart: 8 }} data-testid="backup-recommended">
              {t("backups.recommended")}
            </Tag>
          )}
        </span>
      ),
    },
    { key: "trigger", title: t("backups.column.trigger"), render: (_, b) => t(`backups.trigger.${b.trigger}`) },
    { key: "customers", title: t("backups.column.customers"), align: "right", render: (_, b) => b.customers.toLocaleString() },
    { key: "visits", title: t("backups.column.visits"), align: "right", render: (_, b) => b.visits.toLocaleString() },
    {
      key: "last",
      title: t("backups.column.lastCheckout"),
      render: (_, b) => (b.last_checkout_at === null ? "—" : <span style={{ whiteSpace: "nowrap" }}>{when(b.last_checkout_at)}</span>),
    },
    { key: "size", title: t("backups.column.size"), align: "right", render: (_, b) => <span style={{ whiteSpace: "nowrap" }}>{formatSize(b.size)}</span> },
  ];
  if (onRestore) {
    columns.push({
      key: "action",
      title: t("backups.column.action"),
      render: (_, b) => (
        <Button size="small" onClick={() => onRestore(b)} data-testid="backup-restore">
          {t("backups.restore")}
        </Button>
      ),
    });
  }
  return (
    <Table<BackupInfo>
      data-testid={testId}
      rowKey="file"
      size="small"
      loading={loading}
      columns={columns}
      dataSource={backups}
      pagination={backups.length > pageSize ? { pageSize, showSizeChanger: false, size: "small" } : false}
      onRow={(b) => ({
        "data-testid": `backup-row-${b.trigger}`,
        onClick: onSelect ? () => onSelect(b.file) : undefined,
        style: onSelect ? { cursor: "pointer" } : undefined,
      }) as React.HTMLAttributes<HTMLTableRowElement>}
      rowSelection={
        onSelect
          ? {
              type: "radio",
              selectedRowKeys: selected ? [selected] : [],
              onChange: (keys) => keys[0] !== undefined && onSelect(String(keys[0])),
            }
          : undefined
      }
    />
  );
}
