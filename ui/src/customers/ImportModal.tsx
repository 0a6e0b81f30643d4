import { InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Descriptions, Modal, Progress, Radio, Result, Select, Space, Steps, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call, fileToBase64, onImportProgress } from "../api/client";
import type { DuplicatePolicy } from "../bindings/DuplicatePolicy";
import type { ImportColumn } from "../bindings/ImportColumn";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportReport } from "../bindings/ImportReport";
import type { RowProblem } from "../bindings/RowProblem";
import { errorText } from "../api/errors";

const COLUMNS: ImportColumn[] = [
  "name", "phone", "gender", "salutation", "birthday", "card_no", "source", "referrer", "class", "tags",
  "first_visit", "notes", "skin_type", "blood_type", "allergies", "contraindications", "treatments_elsewhere",
  "products_in_use", "care_times", "workplace", "home_phone", "address", "hobbies", "eating_habits",
];

type Step = 0 | 1 | 2;

/**
 * Choose a CSV, map its columns, check every row, then import all or nothing.
 * Mount it only while open: each opening starts afresh.
 */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>(0);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<(ImportColumn | null)[]>([]);
  const [duplicates, setDuplicates] = useState<DuplicatePolicy>("skip");
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);

  const choose = async (f: File) => {
    setError(null);
    try {
      const base64 = await fileToBase64(f);
      const p = await call("preview_import", { file: base64 });
      setFile({ name: f.name, base64 });
      setPreview(p);
      setMapping(p.mapping);
      setReport(null);
    } catch (e) {
      setError(errorText(t, e));
    }
    return false;
  };

  const request = () => ({ file: file?.base64 ?? "", mapping, duplicates });

  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(await call("dry_run_import", request()));
      setStep(1);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const run = async () => {
    setBusy(true);
    setError(null);
    setProgress({ done: 0, total: report?.new_customers ?? 0 });
    const stop = await onImportProgress(setProgress).catch(() => () => {});
    try {
      setReport(await call("run_import", request()));
      setStep(2);
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      stop();
      setBusy(false);
    }
  };

  const columnLabel = (c: ImportColumn) => t(`cardFields.${c}`);
  const problems = report?.problems ?? [];

  return (
    <Modal
      open={open}
      width={1000}
      style={{ top: 24 }}
      title={t("import.title")}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      data-testid="import-modal"
    >
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 16 }}
        items={[{ title: t("import.stepFile") }, { title: t("import.stepCheck") }, { title: t("import.stepDone") }]}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}

      {step === 0 && (
        <Space orientation="vertical" style={{ width: "100%" }} size="middle">
          <Upload.Dragger
            accept=".csv,.txt"
            showUploadList={false}
            beforeUpload={(f) => {
              void choose(f);
              return false;
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{file ? file.name : t("import.choose")}</p>
            <p className="ant-upload-hint">{t("import.hint")}</p>
          </Upload.Dragger>
          {preview && (
            <>
              <Typography.Text type="secondary">
                {t("import.found", { rows: preview.rows, encoding: preview.encoding })}
              </Typography.Text>
              <Table
                size="small"
                pagination={false}
                scroll={{ x: true }}
                rowKey={(_, i) => String(i)}
                dataSource={preview.sample}
                data-testid="import-preview"
                columns={preview.headers.map((h, i) => ({
                  key: i,
                  title: (
                    <Space orientation="vertical" size={4}>
                      <span>{h}</span>
                      <Select<ImportColumn | null>
                        size="small"
                        style={{ minWidth: 120 }}
                        value={mapping[i] ?? null}
                        onChange={(v) => setMapping((m) => m.map((x, j) => (j === i ? v : x)))}
                        options={[
                          { value: null, label: t("import.ignore") },
                          ...COLUMNS.map((c) => ({ value: c, label: columnLabel(c) })),
                        ]}
                      />
                    </Space>
                  ),
                  render: (_: unknown, row: string[]) => row[i] ?? "",
                }))}
              />
              <Space>
                <span>{t("import.duplicates")}</span>
                <Radio.Group
                  value={duplicates}
                  onChange={(e) => setDuplicates(e.target.value)}
                  options={[
                    { value: "skip", label: t("import.skip") },
                    { value: "merge", label: t("import.merge") },
                  ]}
                />
              </Space>
              <Button type="primary" loading={busy} onClick={() => void check()} data-testid="import-check">
                {t("import.check")}
              </Button>
            </>
          )}
        </Space>
      )}

      {step === 1 && report && (
        <Space orientation="vertical" style={{ width: "100%" }} size="middle">
          <Descriptions bordered size="small" column={4}>
            <Descriptions.Item label={t("import.rows")}>{report.rows}</Descriptions.Item>
            <Descriptions.Item label={t("import.new")}>{report.new_customers}</Descriptions.Item>
            <Descriptions.Item label={t("import.existing")}>{report.existing}</Descriptions.Item>
            <Descriptions.Item label={t("import.merged")}>{report.merged}</Descriptions.Item>
          </Descriptions>
          {problems.length > 0 ? (
            <>
              <Alert type="error" showIcon title={t("import.problems", { count: problems.length })} />
              <Table<RowProblem>
                size="small"
                rowKey={(p) => `${p.line}-${p.field}-${p.reason}`}
                dataSource={problems}
                pagination={{ pageSize: 8 }}
                data-testid="import-problems"
                columns={[
                  {
                    title: <span title={t("import.lineHint")}>{t("import.line")}</span>,
                    width: 130,
                    render: (_, p) => (
                      <span data-testid="problem-line">
                        {p.line}
                        {p.row !== p.line && (
                          <Typography.Text type="secondary"> ({t("import.excelRow", { row: p.row })})</Typography.Text>
                        )}
                      </span>
                    ),
                  },
                  { title: t("import.column"), dataIndex: "column", render: (c: string | null) => c ?? "—" },
                  {
                    title: t("import.reason"),
                    render: (_, p) =>
                      t(`import.reasons.${p.reason}`, { field: p.field ? t(`cardFields.${p.field}`) : "" }),
                  },
                ]}
              />
              <Button onClick={() => setStep(0)}>{t("import.back")}</Button>
            </>
          ) : (
            <>
              <Alert type="success" showIcon title={t("import.allGood")} />
              {progress && busy && (
                <Progress
                  percent={progress.total ? Math.round((progress.done / progress.total) * 100) : 0}
                  data-testid="import-progress"
                />
              )}
              <Space>
                <Button onClick={() => setStep(0)} disabled={busy}>
                  {t("import.back")}
                </Button>
                <Button type="primary" loading={busy} onClick={() => void run()} data-testid="import-run">
                  {t("import.run", { count: report.new_customers })}
                </Button>
              </Space>
            </>
          )}
        </Space>
      )}

      {step === 2 && report && (
        <Result
          status="success"
          title={t("import.done", { count: report.new_customers })}
          subTitle={t("import.doneDetail", { existing: report.existing, merged: report.merged })}
          extra={
            <Button type="primary" onClick={onClose} data-testid="import-close">
              {t("common.close")}
            </Button>
          }
        />
      )}
    </Modal>
  );
}
