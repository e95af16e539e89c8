#pragma once
/// The canonical enumerations of DOMAIN.md. Files, the command line and the database
/// use exactly the Chinese names below; the English enumerators are for code only.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace sb {

enum class Stage { Preschool, Primary, Junior, NineYear, Senior, Vocational, Special, Other };
enum class BuildingCategory {
  TeachingBuilding, ComplexBuilding, Dormitory, Canteen, Toilet, SportsGround, GateWall,
  TeacherFlats, Kindergarten, Relocation, Equipment, Informatization, Other
};
enum class Nature { NewBuild, Extension, Relocation, Renovation };
enum class ProjectStatus { Planned, Preparation, UnderConstruction, Suspended, Finished, Accepted, Closed };
enum class CostCategory { Land, Preliminary, Construction, Equipment, Other, Contingency };
enum class StepStatus { NotStarted, InProgress, Done, NotApplicable };
enum class ContractKind { Works, Supervision, Design, Survey, EquipmentPurchase, LandCompensation, Other };
enum class PaymentKind { Advance, Progress, Settlement, Retention, LandCompensation, Other };
/// 采购方式 of a contract (政府采购法, 招标投标法): the first two are tenders.
enum class Procurement {
  OpenTender, InvitedTender, CompetitiveNegotiation, CompetitiveConsultation, Inquiry, SingleSource,
  DirectAward
};
/// How the monthly report groups funding: 中央/省级/市级/县级/债券/贷款/其他.
enum class SourceLevel { Central, Provincial, Municipal, County, Bond, Loan, Other };

template <class E> struct EnumInfo;
#define SB_ENUM_INFO(E, WHAT, ...)                                                \
  template <> struct EnumInfo<E> {                                                \
    static constexpr const char* what = WHAT;                                     \
    static constexpr std::array names = {__VA_ARGS__};                            \
  };
SB_ENUM_INFO(Stage, "学段", "学前教育", "小学", "初中", "九年一贯制", "高中", "中职", "特殊教育", "其他")
SB_ENUM_INFO(BuildingCategory, "建设类别", "教学楼", "综合楼", "学生宿舍", "食堂", "厕所", "运动场",
             "校门围墙", "教师周转宿舍", "幼儿园", "整体搬迁", "设备购置", "信息化", "其他")
SB_ENUM_INFO(Nature, "建设性质", "新建", "改扩建", "迁建", "维修改造")
SB_ENUM_INFO(ProjectStatus, "项目状态", "储备", "前期", "在建", "停工", "完工", "竣工验收", "已决算")
SB_ENUM_INFO(CostCategory, "费用类别", "征地拆迁", "前期费用", "建安工程", "设备购置", "其他费用", "预备费")
SB_ENUM_INFO(StepStatus, "手续状态", "未办", "办理中", "已办结", "不适用")
SB_ENUM_INFO(ContractKind, "合同类型", "施工", "监理", "设计", "勘察", "设备采购", "征地补偿", "其他")
SB_ENUM_INFO(PaymentKind, "款项性质", "预付款", "进度款", "结算款", "质保金", "征地补偿", "其他")
SB_ENUM_INFO(Procurement, "采购方式", "公开招标", "邀请招标", "竞争性谈判", "竞争性磋商", "询价", "单一来源",
             "直接委托")
SB_ENUM_INFO(SourceLevel, "资金层级", "中央", "省级", "市级", "县级", "债券", "贷款", "其他")
#undef SB_ENUM_INFO

template <class E> constexpr size_t EnumCount() { return EnumInfo<E>::names.size(); }

template <class E> constexpr std::string_view Name(E e) {
  return EnumInfo<E>::names[static_cast<size_t>(e)];
}

template <class E> constexpr E EnumAt(size_t i) { return static_cast<E>(i); }

template <class E> std::optional<E> TryParseEnum(std::string_view s) {
  for (size_t i = 0; i < EnumInfo<E>::names.size(); ++i)
    if (EnumInfo<E>::names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

/// "建设类别“教学搂”不是规定的取值（可选：教学楼、综合楼、…）"
std::string EnumChoices(const char* const* names, size_t n);

template <class E> E ParseEnum(std::string_view s) {
  if (auto e = TryParseEnum<E>(s)) return *e;
  Fail(ErrorCode::InvalidInput,
       std::string(EnumInfo<E>::what) + "“" + std::string(s) + "”不是规定的取值（可选：" +
           EnumChoices(EnumInfo<E>::names.data(), EnumInfo<E>::names.size()) + "）");
}

/// A set of cost categories, e.g. what a fund may pay for.
class CategorySet {
 public:
  constexpr CategorySet() = default;
  static constexpr CategorySet All() { return CategorySet((1u << EnumCount<CostCategory>()) - 1); }
  static constexpr CategorySet FromMask(uint32_t m) { return CategorySet(m & All().mask_); }
  CategorySet& Add(CostCategory c) { mask_ |= Bit(c); return *this; }
  constexpr bool Contains(CostCategory c) const { return (mask_ & Bit(c)) != 0; }
  constexpr bool Empty() const { return mask_ == 0; }
  constexpr uint32_t mask() const { return mask_; }
  /// "建安工程、设备购置" in canonical order; "" when empty.
  std::string Format() const;
  /// Names separated by 、 ; , ； or ，. Empty text gives `ifEmpty`.
  static CategorySet Parse(std::string_view text, CategorySet ifEmpty);
  friend constexpr bool operator==(CategorySet, CategorySet) = default;

 private:
  constexpr explicit CategorySet(uint32_t m) : mask_(m) {}
  static constexpr uint32_t Bit(CostCategory c) { return 1u << static_cast<unsigned>(c); }
  uint32_t mask_ = 0;
};

}  // namespace sb
