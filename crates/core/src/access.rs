//! Roles and permissions (SPEC 3.1): who may do what, in one table. The core
//! checks the acting staff member's permission in every command
//! (`staff::authorize`); the session carries the role's permissions so the UI
//! hides only what the core would refuse.

crate::text_enum! {
    pub enum Role {
        Receptionist = "receptionist",
        Stylist = "stylist",
        Manager = "manager",
    }
}

impl Role {
    /// What this role may do. One table, read by the core's checks and shown in
    /// the settings screen.
    pub fn permits(self, p: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Manager => true,
            Role::Receptionist => matches!(
                p,
                ViewCustomers
                    | EditCustomers
                    | ViewFullPhone
                    | RunVisits
                    | WriteServiceNotes
                    | ManageAppointments
                    | MakeFollowUps
                    | HandleComplaints
                    | HandleGifts
            ),
            Role::Stylist => matches!(p, ViewCustomers | WriteServiceNotes),
        }
    }

    /// Every permission this role has, in [`Permission::ALL`] order.
    pub fn permissions(self) -> Vec<Permission> {
        Permission::ALL
            .iter()
            .copied()
            .filter(|p| self.permits(*p))
            .collect()
    }
}

crate::text_enum! {
    /// A thing a command needs. Named after what it protects; the UI translates
    /// `permissions.<name>` in the Forbidden message.
    pub enum Permission {
        /// Find customers and read their cards and history.
        ViewCustomers = "view_customers",
        /// Create and edit customer cards.
        EditCustomers = "edit_customers",
        /// See full phone numbers (stylists see them masked).
        ViewFullPhone = "view_full_phone",
        /// Add staff, change roles, deactivate, reset PINs.
        ManageStaff = "manage_staff",
        /// Change the shop profile and settings.
        ManageSettings = "manage_settings",
        /// Read the audit trail.
        ViewAudit = "view_audit",
        /// Erase a customer's personal data on request.
        EraseCustomers = "erase_customers",
        /// Put customers on the VIP register and assign their account manager.
        ManageVip = "manage_vip",
        /// Import customers from a spreadsheet.
        ImportCustomers = "import_customers",
        /// Export customers and their cards to a spreadsheet.
        ExportCustomers = "export_customers",
        /// Check customers in and move visits through the stages, take payment.
        RunVisits = "run_visits",
        /// Write service notes and measurements (a stylist: only on her own visits).
        WriteServiceNotes = "write_service_notes",
        /// Void a checked-out visit, reversing everything it did.
        VoidVisits = "void_visits",
        /// Book, move and cancel appointments; record no-shows.
        ManageAppointments = "manage_appointments",
        /// Make follow-up calls and record their outcome.
        MakeFollowUps = "make_follow_ups",
        /// Take, escalate, answer and close complaints.
        HandleComplaints = "handle_complaints",
        /// Read the shop's reports and statistics.
        ViewReports = "view_reports",
        /// Override a customer's tier and run the tier review.
        OverrideTiers = "override_tiers",
        /// Give stored value back to a customer.
        RefundStoredValue = "refund_stored_value",
        /// Receive gifts and vouchers, issue and recover them, record damage,
        /// count and hand over the stock.
        HandleGifts = "handle_gifts",
        /// Set up gift items, voucher types and promotions; destroy, adjust
        /// counts and return stock to the warehouse.
        ManageGifts = "manage_gifts",
        /// Read and export the gift and voucher reconciliation.
        ReconcileGifts = "reconcile_gifts",
        /// List backups, back up now, set the second folder, restore.
        ManageBackups = "manage_backups",
    }
}
