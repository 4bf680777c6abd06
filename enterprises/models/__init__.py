from .figures import AnnualFigures, RdInstitutionLevel
from .help import HelpActivity, HelpItem
from .ledger import LedgerUpload
from .pipelines import ACTIVE_STAGES, FINAL_STAGES, PipelineEntry, PipelineMove, Stage, Track
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
    "Enterprise",
    "EvaluationRules",
    "HelpActivity",
    "HelpItem",
    "HteCertificate",
    "LedgerUpload",
    "PipelineEntry",
    "PipelineMove",
    "RdInstitutionLevel",
    "Stage",
    "TechField",
    "TechSmeRegistration",
    "Track",
    "tracking_cutoff",
]
