// The canonical values of core/enums.h, listed for xgettext: the window shows them
// translated (TR(Name(x).data())) while files and the database keep the Chinese value.
#include "ui/wxutil.h"

namespace sb::ui {
[[maybe_unused]] static const char* const kEnumNamesForTranslation[] = {
    TRN("学前教育"), TRN("小学"), TRN("初中"), TRN("九年一贯制"), TRN("高中"), TRN("中职"),
    TRN("特殊教育"), TRN("其他"), TRN("教学楼"), TRN("综合楼"), TRN("学生宿舍"), TRN("食堂"),
    TRN("厕所"), TRN("运动场"), TRN("校门围墙"), TRN("教师周转宿舍"), TRN("幼儿园"),
    TRN("整体搬迁"), TRN("设备购置"), TRN("信息化"), TRN("新建"), TRN("改扩建"), TRN("迁建"),
    TRN("维修改造"), TRN("储备"), TRN("前期"), TRN("在建"), TRN("停工"), TRN("完工"),
    TRN("竣工验收"), TRN("已决算"), TRN("征地拆迁"), TRN("前期费用"), TRN("建安工程"),
    TRN("其他费用"), TRN("预备费"), TRN("未办"), TRN("办理中"), TRN("已办结"), TRN("不适用"),
    TRN("施工"), TRN("监理"), TRN("设计"), TRN("勘察"), TRN("设备采购"), TRN("征地补偿"),
    TRN("预付款"), TRN("进度款"), TRN("结算款"), TRN("质保金"), TRN("严重"), TRN("一般"), TRN("提示"),
    // The default procedure template (db/sqlite/0001_schema.sql); a county's own names pass through.
    TRN("立项批复"), TRN("用地预审与选址意见书"), TRN("可行性研究报告批复"), TRN("环境影响评价"),
    TRN("土地征收"), TRN("建设用地规划许可证"), TRN("初步设计及概算批复"), TRN("施工图审查"),
    TRN("建设工程规划许可证"), TRN("招标"), TRN("施工许可证"), TRN("竣工财务决算"), TRN("结算审核"),
    // Their issuing authorities, as the template names them.
    TRN("发改局"), TRN("自然资源局"), TRN("生态环境局"), TRN("县政府/省"), TRN("自然资源(规划)"),
    TRN("发改局/教育局"), TRN("审图机构/住建局"), TRN("规划部门"), TRN("公共资源交易中心"), TRN("住建局"),
    TRN("财政评审/造价咨询"), TRN("财政局"),
    // Procurement methods, and the fund kinds of db/sqlite/0001_schema.sql (a county's own pass through).
    TRN("公开招标"), TRN("邀请招标"), TRN("竞争性谈判"), TRN("竞争性磋商"), TRN("询价"), TRN("单一来源"),
    TRN("直接委托"), TRN("中央预算内投资"), TRN("中央专项"), TRN("省级专项"), TRN("市级专项"), TRN("县级财政"),
    TRN("专项债券"), TRN("政策性贷款"), TRN("整合涉农资金"), TRN("东西部协作"), TRN("对口帮扶"), TRN("社会捐赠"),
    TRN("学校自筹"),
    // The report's groupings (report::GroupByLabel), as the report dialog offers them.
    TRN("按乡镇"), TRN("按学段"), TRN("按建设类别"), TRN("按主要资金来源")};
}  // namespace sb::ui
