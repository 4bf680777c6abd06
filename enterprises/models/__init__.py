from .figures import AnnualFigures, RdInstitutionLevel
from .finance import FinanceRecord, WhiteList, WhiteListEntry
from .help import HelpActivity, HelpItem
from .intermediaries import Intermediary, IntermediaryService
from .ledger import LedgerUpload
from .pipelines import ACTIVE_STAGES, FINAL_STAGES, PipelineEntry, PipelineMove, Stage, Track
from .policy import Policy, PolicyBenefit, StatisticsReport
from .projects import Cooperation, KeyProject, TechDemand
from .recognitions import (
    HTE_VALIDITY_YEARS,
    CertificateStatus,
    HteCertificate,
    TechSmeRegistration,
)
from .registry import Enterprise, TechField, tracking_cutoff
from .rules import EvaluationRules

__all__ = [
    "ACTIVE_STAGES",
    "FINAL_STAGES",
    "HTE_VALIDITY_YEARS",
    "AnnualFigures",
    "CertificateStatus",
    "Cooperation",
    "Enterprise",
    "EvaluationRules",
    "FinanceRecord",
    "HelpActivity",
    "HelpItem",
    "HteCertificate",
    "Intermediary",
    "IntermediaryService",
    "KeyProject",
    "LedgerUpload",
    "PipelineEntry",
    "PipelineMove",
    "Policy",
    "PolicyBenefit",
    "RdInstitutionLevel",
    "Stage",
    "StatisticsReport",
    "TechDemand",
    "TechField",
    "TechSmeRegistration",
    "Track",
    "WhiteList",
    "WhiteListEntry",
    "tracking_cutoff",
]
