import { UserAddOutlined } from "@ant-design/icons";
import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { Role } from "../bindings/Role";
import type { Session } from "../bindings/Session";
import type { StaffMember } from "../bindings/StaffMember";
import { formatDateTime } from "../time";
import { errorText, showError } from "../api/errors";
import { isPin } from "../session/pin";
import { invalidateShared } from "../api/shared";

const ROLES: Role[] = ["receptionist", "stylist", "manager"];

type Editing = { kind: "add" } | { kind: "edit"; member: StaffMember } | { kind: "pin"; member: StaffMember };

export function StaffSettings({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);

  const load = useCallback(() => {
    call("list_staff")
      .then((s) => {
        setStaff(s);
        setError(null);
      })
      .catch((e) => setError(errorText(t, e)));
  }, [t]);
  useEffect(load, [load]);

  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));

  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<UserAddOutlined />} onClick={() => setEditing({ kind: "add" })} data-testid="staff-add">
          {t("settings.addStaff")}
        </Button>
      </Space>
      <Table<StaffMember>
        rowKey="id"
        size="middle"
        dataSource={staff}
        pagination={false}
        data-testid="staff-table"
        columns={[
          { title: t("fields.staff_no"), dataIndex: "staff_no", width: 100 },
          { title: t("fields.name"), dataIndex: "name" },
          { title: t("fields.role"), dataIndex: "role", render: (r: Role) => t(`roles.${r}`) },
          {
            title: t("settings.status"),
            dataIndex: "active",
            render: (a: boolean) =>
              a ? <Tag color="green">{t("settings.activeTag")}</Tag> : <Tag>{t("settings.inactiveTag")}</Tag>,
          },
          {
            title: t("settings.updatedBy"),
            render: (_, m) => (
              <span style={{ color: "#888" }}>
                {m.updated_by ?? "—"} · {formatDateTime(m.updated_at, i18n.language)}
              </span>
            ),
          },
          {
            title: "",
            render: (_, m) => (
              <Space>
                <Button size="small" onClick={() => setEditing({ kind: "edit", member: m })}>
                  {t("settings.edit")}
                </Button>
                <Button size="small" onClick={() => setEditing({ kind: "pin", member: m })}>
                  {t("settings.resetPin")}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <StaffModal
          editing={editing}
          roleOptions={roleOptions}
          self={session}
          onClose={() => setEditing(null)}
          onSaved={(msg) => {
            message.success(msg);
            setEditing(null);
            load();
            invalidateShared("list_stylists");
          }}
        />
      )}
    </>
  );
}

function StaffModal({
  editing,
  roleOptions,
  onClose,
  onSaved,
}: {
  editing: Editing;
  roleOptions: { value: Role; label: string }[];
  self: Session;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);

  const initial =
    editing.kind === "add"
      ? { role: "receptionist" }
      : editing.kind === "edit"
        ? { name: editing.member.name, role: editing.member.role, active: editing.member.active }
        : {};

  const submit = async (v: Record<string, unknown>) => {
    setBusy(true);
    setAlert(null);
    try {
      if (editing.kind === "add") {
        await call("add_staff", {
          staff_no: String(v.staff_no ?? ""),
          name: String(v.name ?? ""),
          role: v.role as Role,
          pin: String(v.pin ?? ""),
        });
        onSaved(t("settings.staffSaved"));
      } else if (editing.kind === "edit") {
        await call("update_staff", {
          id: editing.member.id,
          name: String(v.name ?? ""),
          role: v.role as Role,
          active: Boolean(v.active),
        });
        onSaved(t("settings.staffSaved"));
      } else {
        await call("reset_pin", { id: editing.member.id, pin: String(v.pin ?? "") });
        onSaved(t("settings.pinReset"));
      }
    } catch (e) {
      setAlert(showError(t, form, e, ["staff_no", "name", "role", "pin"]));
    } finally {
      setBusy(false);
    }
  };

  const title =
    editing.kind === "add"
      ? t("settings.addStaffTitle")
      : editing.kind === "edit"
        ? t("settings.editStaffTitle")
        : t("settings.resetPinTitle", { name: editing.member.name });

  const pinItem = (
    <Form.Item
      name="pin"
      label={t("fields.pin")}
      rules={[{ required: true, validator: (_, v) => (isPin(v) ? Promise.resolve() : Promise.reject(new Error(t("invalid.pin_format", { field: t("fields.pin") })))) }]}
    >
      <Input.Password inputMode="numeric" maxLength={8} data-testid="staff-pin" />
    </Form.Item>
  );

  return (
    <Modal
      open
      title={title}
      okText={t("common.ok")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "staff-ok" }}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} requiredMark={false} name="staff">
        {editing.kind === "add" && (
          <Form.Item
            name="staff_no"
            label={t("fields.staff_no")}
            rules={[{ required: true, whitespace: true, message: t("invalid.required", { field: t("fields.staff_no") }) }]}
          >
            <Input autoFocus maxLength={10} data-testid="staff-no" />
          </Form.Item>
        )}
        {editing.kind !== "pin" && (
          <>
            <Form.Item
              name="name"
              label={t("fields.name")}
              rules={[{ required: true, whitespace: true, message: t("invalid.required", { field: t("fields.name") }) }]}
            >
              <Input maxLength={20} data-testid="staff-name" />
            </Form.Item>
            <Form.Item name="role" label={t("fields.role")}>
              <Select options={roleOptions} data-testid="staff-role" />
            </Form.Item>
          </>
        )}
        {editing.kind === "edit" && (
          <Form.Item name="active" label={t("fields.active")} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        {editing.kind !== "edit" && pinItem}
      </Form>
    </Modal>
  );
}
