//! Roles and permissions (SPEC 3.1). The core checks the acting staff member's
//! permission in every command; the UI only hides what the core would refuse.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    Receptionist,
    Stylist,
    Manager,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Receptionist, Role::Stylist, Role::Manager];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Receptionist => "receptionist",
            Role::Stylist => "stylist",
            Role::Manager => "manager",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

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
            ),
            Role::Stylist => matches!(p, ViewCustomers | WriteServiceNotes),
        }
    }
}

/// A thing a command needs. Named after what it protects; the UI translates
/// `permissions.<name>` in the Forbidden message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Permission {
    /// Find customers and read their cards and history.
    ViewCustomers,
    /// Create and edit customer cards.
    EditCustomers,
    /// See full phone numbers (stylists see them masked).
    ViewFullPhone,
    /// Add staff, change roles, deactivate, reset PINs.
    ManageStaff,
    /// Change the shop profile and settings.
    ManageSettings,
    /// Read the audit trail.
    ViewAudit,
    /// Erase a customer's personal data on request.
    EraseCustomers,
    /// Put customers on the VIP register and assign their account manager.
    ManageVip,
    /// Import customers from a spreadsheet.
    ImportCustomers,
    /// Export customers and their cards to a spreadsheet.
    ExportCustomers,
    /// Check customers in and move visits through the stages, take payment.
    RunVisits,
    /// Write service notes and measurements (a stylist: only on her own visits).
    WriteServiceNotes,
    /// Void a checked-out visit, reversing everything it did.
    VoidVisits,
    /// Book, move and cancel appointments; record no-shows.
    ManageAppointments,
    /// Make follow-up calls and record their outcome.
    MakeFollowUps,
    /// Take, escalate, answer and close complaints.
    HandleComplaints,
    /// Read the shop's reports and statistics.
    ViewReports,
    /// Override a customer's tier and run the tier review.
    OverrideTiers,
    /// Give stored value back to a customer.
    RefundStoredValue,
}

impl Permission {
    pub const ALL: [Permission; 19] = [
        Permission::ViewCustomers,
        Permission::EditCustomers,
        Permission::ViewFullPhone,
        Permission::ManageStaff,
        Permission::ManageSettings,
        Permission::ViewAudit,
        Permission::EraseCustomers,
        Permission::ManageVip,
        Permission::ImportCustomers,
        Permission::ExportCustomers,
        Permission::RunVisits,
        Permission::WriteServiceNotes,
        Permission::VoidVisits,
        Permission::ManageAppointments,
        Permission::MakeFollowUps,
        Permission::HandleComplaints,
        Permission::ViewReports,
        Permission::OverrideTiers,
        Permission::RefundStoredValue,
    ];
}
