<?xml version="1.0" encoding="UTF-8"?>
<!-- Names, dates and times; the register of persons, places and organisations, each entry linking back to every occurrence. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <!-- A name links to its register entry when @ref resolves and nothing inside it is a
       link itself (HTML forbids nested links); otherwise it is a span. Either way it has
       an id, the target of the register's back-link. -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name | tei:rs | tei:geogName">
    <xsl:variable name="first" select="substring-before(concat(normalize-space(@ref), ' '), ' ')"/>
    <xsl:variable name="target" select="key('id', substring-after($first, '#'))"/>
    <xsl:variable name="linkable" select="not(.//tei:note[not(@place = 'inline')] or .//tei:ref or .//tei:ptr or .//tei:app
        or .//*[@ref][self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:name or self::tei:rs or self::tei:title or self::tei:geogName])"/>
    <xsl:variable name="class">
      <xsl:text>name</xsl:text>
      <xsl:if test="not(self::tei:name)"><xsl:value-of select="concat(' ', local-name())"/></xsl:if>
      <xsl:if test="@type"><xsl:value-of select="concat(' name-', translate(normalize-space(@type), ' ', '-'))"/></xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$target and $linkable and starts-with($first, '#')">
        <a class="{$class}" href="{$first}" data-ref="{normalize-space(translate(@ref, '#', ''))}">
          <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
          <xsl:choose>
            <!-- a name given only by its reference (persName ref="#Gi"/, a postcard's
                 sender): the name its entry gives, else the sender was blank -->
            <xsl:when test="normalize-space(.) = '' and not(*)"><xsl:call-template name="name-of"/></xsl:when>
            <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
          </xsl:choose>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{$class}">
          <xsl:call-template name="atts"><xsl:with-param name="gen" select="@ref"/></xsl:call-template>
          <xsl:if test="@ref"><xsl:attribute name="data-ref"><xsl:value-of select="normalize-space(@ref)"/></xsl:attribute></xsl:if>
          <xsl:if test="@key"><xsl:attribute name="data-key"><xsl:value-of select="normalize-space(@key)"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Parts of names and other small name-like elements: kept, classed. -->
  <xsl:template match="tei:forename | tei:surname | tei:roleName | tei:addName | tei:genName | tei:nameLink
      | tei:settlement | tei:region | tei:country | tei:district | tei:bloc | tei:offset | tei:geog">
    <span class="{local-name()}"><xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Dates: time[datetime] when the normalised value is a valid HTML date, else a span. -->
  <!-- A date given only by its attributes, as a reader reads it: "12 May 1890", a range
       "1920 – 1930", "not before 1920". -->
  <xsl:template name="date-of-attributes">
    <xsl:choose>
      <xsl:when test="@when"><xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space(@when)"/></xsl:call-template></xsl:when>
      <xsl:when test="@from or @to or (@notBefore and @notAfter)">
        <xsl:if test="@from | @notBefore"><xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space((@from | @notBefore)[1])"/></xsl:call-template></xsl:if>
        <xsl:text> – </xsl:text>
        <xsl:if test="@to | @notAfter"><xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space((@to | @notAfter)[1])"/></xsl:call-template></xsl:if>
      </xsl:when>
      <xsl:when test="@notBefore">
        <xsl:value-of select="concat($L[@k = 'not-before'], ' ')"/><xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space(@notBefore)"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="@notAfter">
        <xsl:value-of select="concat($L[@k = 'not-after'], ' ')"/><xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space(@notAfter)"/></xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A date's words; in a citation, a date the record gives only by its attributes
       (date notBefore="1920" notAfter="1930"/ in a bibliography) is read from them: the
       range was lost ("MS. . Winnifred Eaton Reeve Fonds"). -->
  <xsl:template name="date-words">
    <xsl:choose>
      <xsl:when test="normalize-space(.) = '' and not(*) and (ancestor::tei:bibl or ancestor::tei:biblStruct)">
        <xsl:call-template name="date-of-attributes"/>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:date | tei:time">
    <xsl:variable name="v" select="normalize-space((@when | @when-iso)[1])"/>
    <xsl:variable name="valid">
      <xsl:call-template name="valid-datetime"><xsl:with-param name="v" select="$v"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$valid = 'y'">
        <time class="{local-name()}" datetime="{$v}">
          <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
          <xsl:call-template name="date-words"/>
        </time>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}">
          <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
          <xsl:for-each select="@when | @from | @to | @notBefore | @notAfter">
            <!-- data-* names are lowercase, words hyphenated (XHTML allows no capitals) -->
            <xsl:variable name="att">
              <xsl:choose>
                <xsl:when test="local-name() = 'notBefore'">not-before</xsl:when>
                <xsl:when test="local-name() = 'notAfter'">not-after</xsl:when>
                <xsl:otherwise><xsl:value-of select="local-name()"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <xsl:attribute name="data-{$att}"><xsl:value-of select="."/></xsl:attribute>
          </xsl:for-each>
          <xsl:call-template name="date-words"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 'y' for YYYY, YYYY-MM, YYYY-MM-DD,  hh:mm[:ss], YYYY-MM-DDThh:mm[:ss][Z]. -->
  <xsl:template name="valid-datetime">
    <xsl:param name="v"/>
    <xsl:variable name="d" select="translate($v, '0123456789', '9999999999')"/>
    <xsl:if test="$d = '9999' or $d = '9999-99' or $d = '9999-99-99'
        or $d = '99:99' or $d = '99:99:99' or $d = '9999-99-99T99:99' or $d = '9999-99-99T99:99:99'
        or $d = '9999-99-99T99:99Z' or $d = '9999-99-99T99:99:99Z'">
      <xsl:variable name="m" select="number(substring-after(substring($v, 1, 7), '-'))"/>
      <xsl:variable name="day" select="number(substring($v, 9, 2))"/>
      <xsl:choose>
        <xsl:when test="starts-with($d, '9999-') and ($m &lt; 1 or $m &gt; 12)"/>
        <xsl:when test="starts-with($d, '9999-99-') and ($day &lt; 1 or $day &gt; 31)"/>
        <xsl:when test="$d = '9999' and $v = '0000'"/>
        <xsl:otherwise>y</xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- ============ register ============ -->
  <!-- The register follows the header's own lists (listPerson, listPlace, listOrg, also in
       standOff), nested as they are, each with its head as heading; entries outside any
       list are grouped by kind. -->
  <xsl:template name="register-section">
    <xsl:variable name="all-lists" select="$header//tei:listPerson | $header//tei:listPlace | $header//tei:listOrg
        | key('element-by-name', 'listPerson')[ancestor::tei:standOff] | key('element-by-name', 'listPlace')[ancestor::tei:standOff]
        | key('element-by-name', 'listOrg')[ancestor::tei:standOff]"/>
    <xsl:variable name="lists" select="$all-lists[not(parent::tei:listPerson or parent::tei:listPlace or parent::tei:listOrg)]
        [.//tei:person or .//tei:personGrp or .//tei:place or .//tei:org]"/>
    <xsl:variable name="entries" select="$header//tei:person | $header//tei:personGrp | $header//tei:place | $header//tei:org
        | key('element-by-name', 'person')[ancestor::tei:standOff] | key('element-by-name', 'personGrp')[ancestor::tei:standOff]
        | key('element-by-name', 'place')[ancestor::tei:standOff] | key('element-by-name', 'org')[ancestor::tei:standOff]"/>
    <xsl:variable name="loose" select="$entries[not(ancestor::tei:listPerson or ancestor::tei:listPlace or ancestor::tei:listOrg)]
        [not(parent::tei:person or parent::tei:personGrp or parent::tei:place or parent::tei:org)]"/>
    <xsl:if test="$lists | $loose">
      <section id="{$id-register}" class="register" role="doc-index" aria-labelledby="{$id-register}-heading">
        <h2 id="{$id-register}-heading"><xsl:value-of select="$L[@k = 'register']"/></h2>
        <xsl:apply-templates select="$lists" mode="register-list"/>
        <xsl:call-template name="register-part">
          <xsl:with-param name="entries" select="$loose[self::tei:person or self::tei:personGrp]"/>
          <xsl:with-param name="id" select="'register-persons'"/>
          <xsl:with-param name="label" select="string($L[@k = 'persons'])"/>
        </xsl:call-template>
        <xsl:call-template name="register-part">
          <xsl:with-param name="entries" select="$loose[self::tei:place]"/>
          <xsl:with-param name="id" select="'register-places'"/>
          <xsl:with-param name="label" select="string($L[@k = 'places'])"/>
        </xsl:call-template>
        <xsl:call-template name="register-part">
          <xsl:with-param name="entries" select="$loose[self::tei:org]"/>
          <xsl:with-param name="id" select="'register-organisations'"/>
          <xsl:with-param name="label" select="string($L[@k = 'organisations'])"/>
        </xsl:call-template>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg" mode="register-list">
    <xsl:param name="level" select="3"/>
    <xsl:variable name="id"><xsl:call-template name="id-value"/></xsl:variable>
    <section class="register-list {local-name()}" id="{$id}" aria-labelledby="{$id}-heading">
      <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:apply-templates select="@xml:lang" mode="att"/>
      <xsl:variable name="label">
        <xsl:call-template name="plain-of"><xsl:with-param name="node" select="tei:head[1]/node()"/></xsl:call-template>
      </xsl:variable>
      <xsl:element name="{substring('h3h4h5h6', 2 * ($level - 3) + 1, 2)}">
        <xsl:attribute name="id"><xsl:value-of select="$id"/>-heading</xsl:attribute>
        <xsl:choose>
          <xsl:when test="$label != ''"><xsl:value-of select="$label"/></xsl:when>
          <xsl:otherwise><xsl:call-template name="list-kind"/></xsl:otherwise>
        </xsl:choose>
      </xsl:element>
      <xsl:for-each select="tei:head[position() &gt; 1] | tei:desc | tei:p | tei:note">
        <p class="{local-name()}">
          <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
          <xsl:call-template name="plain-of"><xsl:with-param name="node" select="node()"/></xsl:call-template>
        </p>
      </xsl:for-each>
      <xsl:if test="tei:person | tei:personGrp | tei:place | tei:org">
        <ul><xsl:apply-templates select="tei:person | tei:personGrp | tei:place | tei:org" mode="register"><xsl:sort select="translate(concat(@sortKey,
              substring((tei:persName | tei:placeName | tei:orgName | tei:name | tei:geogName)[1]/@sortKey, 1 div not(@sortKey)),
              substring(concat(normalize-space((tei:persName | tei:name)[1]/tei:surname[1]), ' ', normalize-space((tei:persName | tei:name)[1]/tei:forename[1])),
                1 div not(@sortKey or (tei:persName | tei:placeName | tei:orgName | tei:name | tei:geogName)[1]/@sortKey or not((tei:persName | tei:name)[1]/tei:surname))),
              substring(normalize-space((tei:persName | tei:placeName | tei:orgName | tei:name | tei:geogName | tei:settlement | tei:country)[1]),
                1 div not(@sortKey or (tei:persName | tei:placeName | tei:orgName | tei:name | tei:geogName)[1]/@sortKey or (tei:persName | tei:name)[1]/tei:surname))),
              $SORT-FROM, $SORT-TO)"/></xsl:apply-templates></ul>
      </xsl:if>
      <xsl:apply-templates select="tei:listPerson | tei:listPlace | tei:listOrg" mode="register-list">
        <xsl:with-param name="level" select="$level + 1 - number($level = 6)"/>
      </xsl:apply-templates>
      <xsl:call-template name="id-anchors">
        <xsl:with-param name="nodes" select="tei:head[1]//*[@xml:id] | tei:head[1][@xml:id] | *[not(self::tei:head or self::tei:desc or self::tei:p or self::tei:note or self::tei:person or self::tei:personGrp or self::tei:place or self::tei:org or self::tei:listPerson or self::tei:listPlace or self::tei:listOrg)]/descendant-or-self::*[@xml:id]
            | (tei:desc | tei:p | tei:note)//*[@xml:id]"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- Empty anchors for the ids of header elements rendered as plain text, so that every
       TEI xml:id is an id of the hub and every pointer at it resolves. -->
  <xsl:template name="id-anchors">
    <xsl:param name="nodes"/>
    <xsl:for-each select="$nodes">
      <span class="anchor" id="{@xml:id}"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="register-part">
    <xsl:param name="entries"/>
    <xsl:param name="id"/>
    <xsl:param name="label"/>
    <xsl:if test="$entries">
      <section id="{$id}" class="{$id}" aria-labelledby="{$id}-heading">
        <h3 id="{$id}-heading"><xsl:value-of select="$label"/></h3>
        <ul>
          <xsl:apply-templates select="$entries" mode="register"><xsl:sort select="translate(concat(@sortKey,
              substring((tei:persName | tei:placeName | tei:orgName | tei:name | tei:geogName)[1]/@sortKey, 1 div not(@sortKey)),
              substring(concat(normalize-space((tei:persName | tei:name)[1]/tei:surname[1]), ' ', normalize-space((tei:persName | tei:name)[1]/tei:forename[1])),
                1 div not(@sortKey or (tei:persName | tei:placeName | tei:orgName | tei:name | tei:geogName)[1]/@sortKey or not((tei:persName | tei:name)[1]/tei:surname))),
              substring(normalize-space((tei:persName | tei:placeName | tei:orgName | tei:name | tei:geogName | tei:settlement | tei:country)[1]),
                1 div not(@sortKey or (tei:persName | tei:placeName | tei:orgName | tei:name | tei:geogName)[1]/@sortKey or (tei:persName | tei:name)[1]/tei:surname))),
              $SORT-FROM, $SORT-TO)"/></xsl:apply-templates>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The label of an entry: its first name (persName, placeName...), else its text. -->
  <xsl:template name="entry-label">
    <xsl:variable name="n" select="(tei:persName | tei:placeName | tei:orgName | tei:name | tei:geogName | tei:settlement | tei:country)[1]"/>
    <xsl:variable name="t">
      <xsl:choose>
        <xsl:when test="$n"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="$n"/></xsl:call-template></xsl:when>
        <xsl:otherwise><xsl:call-template name="plain-of"><xsl:with-param name="node" select="node()"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="normalize-space($t) != ''"><xsl:value-of select="normalize-space($t)"/></xsl:when>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:otherwise>(unnamed)</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Register order: the sort key (@sortKey of the entry or of its name; else surname
       and forename; else the name), upper and lower case and accented letters together
       with their base letter. -->
  <xsl:variable name="SORT-FROM" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽžČčĆćŁłŚśŹźŻż'"/>
  <xsl:variable name="SORT-TO" select="'abcdefghijklmnopqrstuvwxyzaaaaaaaaaaaacceeeeeeeeiiiiiiiinnoooooooooooouuuuuuuuyyysszzccccllsszzzz'"/>

  <!-- The heading of a register entry: "Surname, Forename" for a structured personal
       name, else the first name the entry gives, else its text. -->
  <xsl:template name="entry-heading">
    <xsl:variable name="n" select="(tei:persName | tei:name)[1]"/>
    <xsl:choose>
      <xsl:when test="$n/tei:surname and $n/tei:forename">
        <!-- "van Gogh, Vincent Willem", "Pepoli, Carlo, count": the parts a word apart,
             a title or a generation after a comma -->
        <xsl:for-each select="$n/tei:nameLink | $n/tei:surname">
          <xsl:if test="position() > 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:call-template name="plain-of"><xsl:with-param name="node" select="node()"/></xsl:call-template>
        </xsl:for-each>
        <!-- an honorific ("Mrs.", name or roleName type="honorific") before the forenames:
             "Stetson, Mrs. Charles" -->
        <xsl:variable name="honorific" select="($n/tei:roleName | $n/tei:addName | $n/tei:name)[@type = 'honorific']"/>
        <xsl:for-each select="$honorific | $n/tei:forename">
          <xsl:value-of select="substring(', ', 1 + (position() > 1), 2 - (position() > 1))"/>
          <xsl:call-template name="plain-of"><xsl:with-param name="node" select="node()"/></xsl:call-template>
        </xsl:for-each>
        <xsl:for-each select="($n/tei:roleName | $n/tei:addName | $n/tei:genName | $n/tei:name)[not(@type = 'honorific')]">
          <xsl:text>, </xsl:text>
          <xsl:call-template name="plain-of"><xsl:with-param name="node" select="node()"/></xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="entry-label"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Life dates given as attributes: "(1685–1750)", "(11 December 1758 – 15 May 1832)",
       "(born 1685)", "(died 1750)". -->
  <xsl:template name="life-dates">
    <xsl:param name="born"/>
    <xsl:param name="died"/>
    <xsl:variable name="b"><xsl:for-each select="$born"><xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space(@when)"/></xsl:call-template></xsl:for-each></xsl:variable>
    <xsl:variable name="d"><xsl:for-each select="$died"><xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space(@when)"/></xsl:call-template></xsl:for-each></xsl:variable>
    <xsl:text>(</xsl:text>
    <xsl:choose>
      <xsl:when test="$born and $died and (contains($b, ' ') or contains($d, ' '))"><xsl:value-of select="concat($b, ' – ', $d)"/></xsl:when>
      <xsl:when test="$born and $died"><xsl:value-of select="concat($b, '–', $d)"/></xsl:when>
      <xsl:when test="$born"><xsl:value-of select="concat($L[@k = 'born'], ' ', $b)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($L[@k = 'died'], ' ', $d)"/></xsl:otherwise>
    </xsl:choose>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <!-- Links to authority files: the entry's @ref (URLs, named by their authority file) and
       its idno of a known type (GND, VIAF, Wikidata, GeoNames, LoC, ORCID, ISNI, TGN,
       Pleiades), or any idno that is itself a URL (shown as written). -->
  <xsl:template name="authority-links">
    <xsl:variable name="links-rtf">
      <xsl:for-each select="str:tokenize(normalize-space(@ref), ' ')">
        <xsl:if test="starts-with(., 'http://') or starts-with(., 'https://')">
          <a href="{.}"><xsl:call-template name="authority-name"><xsl:with-param name="url" select="string(.)"/></xsl:call-template></a>
        </xsl:if>
      </xsl:for-each>
      <xsl:for-each select="tei:idno | (tei:persName | tei:placeName | tei:orgName)/tei:idno">
        <xsl:variable name="type" select="translate(normalize-space(@type), $UPPER, $LOWER)"/>
        <xsl:variable name="v" select="normalize-space(.)"/>
        <xsl:variable name="href">
          <xsl:choose>
            <xsl:when test="starts-with($v, 'http://') or starts-with($v, 'https://')"><xsl:value-of select="$v"/></xsl:when>
            <xsl:when test="$type = 'gnd'">https://d-nb.info/gnd/<xsl:value-of select="$v"/></xsl:when>
            <xsl:when test="$type = 'viaf'">https://viaf.org/viaf/<xsl:value-of select="$v"/></xsl:when>
            <xsl:when test="$type = 'wikidata'">https://www.wikidata.org/wiki/<xsl:value-of select="$v"/></xsl:when>
            <xsl:when test="$type = 'geonames'">https://www.geonames.org/<xsl:value-of select="$v"/></xsl:when>
            <xsl:when test="$type = 'lc' or $type = 'loc' or $type = 'lccn'">https://id.loc.gov/authorities/names/<xsl:value-of select="$v"/></xsl:when>
            <xsl:when test="$type = 'orcid'">https://orcid.org/<xsl:value-of select="$v"/></xsl:when>
            <xsl:when test="$type = 'isni'">https://isni.org/isni/<xsl:value-of select="translate($v, ' ', '')"/></xsl:when>
            <xsl:when test="$type = 'tgn'">http://vocab.getty.edu/page/tgn/<xsl:value-of select="$v"/></xsl:when>
            <xsl:when test="$type = 'pleiades'">https://pleiades.stoa.org/places/<xsl:value-of select="$v"/></xsl:when>
          </xsl:choose>
        </xsl:variable>
        <!-- an idno is text of the TEI: shown as written (the address itself; a number
             after the name of its authority file, "GND 118609807") -->
        <xsl:if test="$href != '' and not(contains($href, ' '))">
          <a href="{$href}">
            <xsl:choose>
              <xsl:when test="$href = $v"><xsl:value-of select="$v"/></xsl:when>
              <xsl:otherwise><xsl:call-template name="authority-name"><xsl:with-param name="url" select="$href"/></xsl:call-template><xsl:value-of select="concat(' ', $v)"/></xsl:otherwise>
            </xsl:choose>
          </a>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="links" select="exsl:node-set($links-rtf)/a"/>
    <xsl:if test="$links">
      <span class="authority">
        <xsl:text> — </xsl:text>
        <xsl:for-each select="$links">
          <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
          <xsl:copy-of select="."/>
        </xsl:for-each>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- The name of the authority file a URL belongs to. -->
  <xsl:template name="authority-name">
    <xsl:param name="url"/>
    <xsl:choose>
      <xsl:when test="contains($url, 'd-nb.info/gnd')">GND</xsl:when>
      <xsl:when test="contains($url, 'viaf.org')">VIAF</xsl:when>
      <xsl:when test="contains($url, 'wikidata.org')">Wikidata</xsl:when>
      <xsl:when test="contains($url, 'geonames.org')">GeoNames</xsl:when>
      <xsl:when test="contains($url, 'id.loc.gov')">LoC</xsl:when>
      <xsl:when test="contains($url, 'orcid.org')">ORCID</xsl:when>
      <xsl:when test="contains($url, 'isni.org')">ISNI</xsl:when>
      <xsl:when test="contains($url, 'vocab.getty.edu')">TGN</xsl:when>
      <xsl:when test="contains($url, 'pleiades.stoa.org')">Pleiades</xsl:when>
      <xsl:when test="contains($url, 'wikipedia.org')">Wikipedia</xsl:when>
      <xsl:otherwise><xsl:value-of select="substring-before(concat(substring-after($url, '://'), '/'), '/')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Where a citable unit is: "¶ 12" (paragraph), "l. 1.2.65" (numbered line), "n. 3"
       (note), else the division's label. Register entries and bibliography back-links
       name the places they point to with it, and a pointer to a paragraph names the
       paragraph (the context may be the unit itself); the PDF prints the page instead. -->
  <xsl:template name="locator">
    <xsl:variable name="note" select="ancestor::tei:note[not(@place = 'inline')][1]"/>
    <xsl:variable name="line" select="(ancestor-or-self::tei:l[@n] | ancestor-or-self::tei:lb[@n])[last()]"/>
    <xsl:variable name="para" select="ancestor-or-self::*[self::tei:p or self::tei:ab][not(ancestor::tei:note)][1]"/>
    <xsl:choose>
      <xsl:when test="$note">
        <xsl:value-of select="concat($L[@k = 'note-abbr'], ' ')"/>
        <xsl:for-each select="$note"><xsl:call-template name="note-number"/></xsl:for-each>
      </xsl:when>
      <xsl:when test="ancestor::tei:l[@n]">
        <xsl:value-of select="concat($L[@k = 'line-abbr'], ' ', normalize-space(ancestor::tei:l[@n][1]/@n))"/>
      </xsl:when>
      <xsl:when test="$para">
        <xsl:text>¶&#160;</xsl:text>
        <xsl:for-each select="$para"><xsl:call-template name="para-number"/></xsl:for-each>
      </xsl:when>
      <xsl:when test="ancestor::*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3 or self::tei:div4 or self::tei:div5 or self::tei:div6 or self::tei:div7]">
        <xsl:for-each select="ancestor::*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3 or self::tei:div4 or self::tei:div5 or self::tei:div6 or self::tei:div7][1]">
          <xsl:call-template name="division-label"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$L[@k = 'text']"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The unit a locator names (its note, numbered line, paragraph or division), as an
       identity: two divisions both labelled "Section 1" (a ledger's first entry on two
       pages) are two places, not one. -->
  <xsl:template name="locator-unit">
    <xsl:value-of select="generate-id((ancestor::tei:note[not(@place = 'inline')][1]
        | ancestor::tei:l[@n][1][not(ancestor::tei:note[not(@place = 'inline')])]
        | ancestor-or-self::*[self::tei:p or self::tei:ab][not(ancestor::tei:note)][1][not(ancestor::tei:l[@n])]
        | ancestor::*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3 or self::tei:div4 or self::tei:div5 or self::tei:div6 or self::tei:div7][1])[last()])"/>
  </xsl:template>

  <!-- The places an entry is found at (the register's, the index's): " — ¶ 3, ¶ 7", one
       link per place, a second mention in the same paragraph adding none. ``places`` are
       o elements, each a locator with the href of its anchor, worked out once into a list
       whose previous item is one step away (an indexed $occ[$i - 1] would scan the
       mentions for each one). -->
  <xsl:template name="occurrence-links">
    <xsl:param name="places"/>
    <span class="occurrences">
      <xsl:text> — </xsl:text>
      <xsl:for-each select="$places">
        <xsl:if test="string(@u) != string(preceding-sibling::o[1]/@u) or not(@u)">
          <xsl:if test="preceding-sibling::o"><xsl:text>, </xsl:text></xsl:if>
          <a class="backlink" href="#{@href}"><xsl:value-of select="."/></a>
        </xsl:if>
      </xsl:for-each>
    </span>
  </xsl:template>

  <xsl:template match="*" mode="register">
    <xsl:variable name="label"><xsl:call-template name="entry-label"/></xsl:variable>
    <xsl:variable name="occ" select="key('name-by-ref', @xml:id)"/>
    <xsl:variable name="speeches" select="key('sp-by-who', concat('#', @xml:id))"/>
    <li class="entry entry-{local-name()}">
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
      <span class="entry-name"><xsl:call-template name="entry-heading"/></span>
      <!-- life dates given only as attributes follow the name -->
      <xsl:variable name="born" select="tei:birth[1][normalize-space(.) = ''][@when]"/>
      <xsl:variable name="died" select="tei:death[1][normalize-space(.) = ''][@when]"/>
      <xsl:if test="$born or $died">
        <xsl:text> </xsl:text>
        <span class="life-dates">
          <xsl:call-template name="life-dates"><xsl:with-param name="born" select="$born"/><xsl:with-param name="died" select="$died"/></xsl:call-template>
          <xsl:call-template name="id-anchors"><xsl:with-param name="nodes" select="($born | $died)[@xml:id]"/></xsl:call-template>
        </span>
      </xsl:if>
      <xsl:variable name="first-name" select="(tei:persName | tei:placeName | tei:orgName | tei:name | tei:geogName | tei:settlement | tei:country)[1]"/>
      <xsl:call-template name="id-anchors"><xsl:with-param name="nodes" select="$first-name/descendant-or-self::*[@xml:id]"/></xsl:call-template>
      <!-- (a description that is only a number, PMB's <desc type="entity_type_id">14</desc>,
           is a code of the project's database, no word for a reader) -->
      <xsl:for-each select="*[count(. | $first-name) != count($first-name)][not(self::tei:person or self::tei:personGrp or self::tei:place or self::tei:org or self::tei:idno)]
          [not(self::tei:desc[@type][translate(normalize-space(.), '0123456789', '') = ''])]
          [count(. | $born | $died) != count($born | $died)]
          [normalize-space(.) != '' or @when or @from or @to or @notBefore or @notAfter or descendant-or-self::*[@xml:id]]">
        <!-- (a name given again, the same, in another language: DraCor's <persName>Лука</persName>
             <persName xml:lang="en">Luka</persName><persName xml:lang="de">Luka</persName> is
             "Лука; Luka", not "Лука; Luka; Luka") -->
        <xsl:variable name="again" select="(self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:name)
            and not(descendant-or-self::*[@xml:id])
            and (normalize-space(.) = normalize-space($first-name)
                 or preceding-sibling::*[local-name() = local-name(current())][normalize-space(.) = normalize-space(current())])"/>
        <xsl:if test="not($again)">
        <xsl:text>; </xsl:text>
        <span class="{local-name()}">
          <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
          <xsl:apply-templates select="@xml:lang" mode="att"/>
          <xsl:if test="self::tei:birth or self::tei:death or self::tei:floruit">
            <xsl:choose>
              <xsl:when test="self::tei:birth"><xsl:value-of select="concat($L[@k = 'born'], ' ')"/></xsl:when>
              <xsl:when test="self::tei:death"><xsl:value-of select="concat($L[@k = 'died'], ' ')"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="concat($L[@k = 'flourished'], ' ')"/></xsl:otherwise>
            </xsl:choose>
          </xsl:if>
          <!-- parts side by side with nothing between them (<placeName>Hove</placeName><country>Great
               Britain</country>) are a list: "Hove, Great Britain" -->
          <xsl:variable name="t"><xsl:call-template name="parts-as-written"/></xsl:variable>
          <!-- a birth, a death with its places and its date: "born 3 November 1801, Catania, Italia" -->
          <!-- (not when its words are only the date, written otherwise: "21.02.1851") -->
          <xsl:if test="$t != '' and (self::tei:birth or self::tei:death) and normalize-space(@when) != ''
                        and translate($t, '0123456789.-/ ', '') != ''">
            <xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space(@when)"/></xsl:call-template>
            <xsl:text>, </xsl:text>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="$t != ''"><xsl:value-of select="$t"/></xsl:when>
            <xsl:when test="@when"><xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space(@when)"/></xsl:call-template></xsl:when>
            <!-- a range open at one end says so in words: no dash left hanging -->
            <xsl:when test="normalize-space(@from) != '' and normalize-space(@to) != ''">
              <xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space(@from)"/></xsl:call-template>
              <xsl:text>–</xsl:text>
              <xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space(@to)"/></xsl:call-template>
            </xsl:when>
            <xsl:when test="normalize-space(@from) != ''">
              <xsl:value-of select="concat($L[@k = 'from'], ' ')"/>
              <xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space(@from)"/></xsl:call-template>
            </xsl:when>
            <xsl:when test="normalize-space(@to) != ''">
              <xsl:value-of select="concat($L[@k = 'until'], ' ')"/>
              <xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space(@to)"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:if test="normalize-space(@notBefore) != ''">
                <xsl:value-of select="concat($L[@k = 'not-before'], ' ')"/>
                <xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space(@notBefore)"/></xsl:call-template>
              </xsl:if>
              <xsl:if test="normalize-space(@notBefore) != '' and normalize-space(@notAfter) != ''">, </xsl:if>
              <xsl:if test="normalize-space(@notAfter) != ''">
                <xsl:value-of select="concat($L[@k = 'not-after'], ' ')"/>
                <xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space(@notAfter)"/></xsl:call-template>
              </xsl:if>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="id-anchors"><xsl:with-param name="nodes" select=".//*[@xml:id]"/></xsl:call-template>
        </span>
      </xsl:if>
      </xsl:for-each>
      <xsl:call-template name="id-anchors"><xsl:with-param name="nodes" select="tei:idno[@xml:id]"/></xsl:call-template>
      <xsl:call-template name="authority-links"/>
      <xsl:if test="$occ">
        <xsl:variable name="places-rtf">
          <xsl:for-each select="$occ">
            <o><xsl:attribute name="href"><xsl:call-template name="id-value"/></xsl:attribute><xsl:attribute name="u"><xsl:call-template name="locator-unit"/></xsl:attribute><xsl:call-template name="locator"/></o>
          </xsl:for-each>
        </xsl:variable>
        <xsl:call-template name="occurrence-links"><xsl:with-param name="places" select="exsl:node-set($places-rtf)/o"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="$speeches">
        <span class="speeches">
          <xsl:text> — </xsl:text>
          <a>
            <xsl:attribute name="href">#<xsl:for-each select="$speeches[1]"><xsl:call-template name="id-value"/></xsl:for-each></xsl:attribute>
            <xsl:value-of select="count($speeches)"/>
            <xsl:variable name="form"><xsl:call-template name="plural-form"><xsl:with-param name="n" select="count($speeches)"/></xsl:call-template></xsl:variable>
            <xsl:choose>
              <xsl:when test="$form = 'one'"><xsl:value-of select="concat(' ', $L[@k = 'speech'])"/></xsl:when>
              <xsl:when test="$form = 'two'"><xsl:value-of select="concat(' ', $L[@k = 'speeches-two'])"/></xsl:when>
              <xsl:when test="$form = 'few'"><xsl:value-of select="concat(' ', $L[@k = 'speeches-few'])"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="concat(' ', $L[@k = 'speeches'])"/></xsl:otherwise>
            </xsl:choose>
          </a>
        </span>
      </xsl:if>
      <xsl:if test="tei:person | tei:personGrp | tei:place | tei:org">
        <ul><xsl:apply-templates select="tei:person | tei:personGrp | tei:place | tei:org" mode="register"><xsl:sort select="translate(concat(@sortKey,
              substring((tei:persName | tei:placeName | tei:orgName | tei:name | tei:geogName)[1]/@sortKey, 1 div not(@sortKey)),
              substring(concat(normalize-space((tei:persName | tei:name)[1]/tei:surname[1]), ' ', normalize-space((tei:persName | tei:name)[1]/tei:forename[1])),
                1 div not(@sortKey or (tei:persName | tei:placeName | tei:orgName | tei:name | tei:geogName)[1]/@sortKey or not((tei:persName | tei:name)[1]/tei:surname))),
              substring(normalize-space((tei:persName | tei:placeName | tei:orgName | tei:name | tei:geogName | tei:settlement | tei:country)[1]),
                1 div not(@sortKey or (tei:persName | tei:placeName | tei:orgName | tei:name | tei:geogName)[1]/@sortKey or (tei:persName | tei:name)[1]/tei:surname))),
              $SORT-FROM, $SORT-TO)"/></xsl:apply-templates></ul>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- Lists of persons, places, organisations inside the text: rendered in place. One
       the back matter holds without a head (an edition's index of the persons, places and
       organisations its letters name, as PMB's editions give it) is headed by its kind,
       as the register's lists are, and is an entry of the contents: it followed the
       text's last words as if it were more of them. -->
  <xsl:template match="tei:text//tei:listPerson | tei:text//tei:listPlace | tei:text//tei:listOrg">
    <xsl:variable name="supplied" select="parent::tei:back and not(tei:head[normalize-space(.) != ''])"/>
    <xsl:element name="{substring('divsection', 1 + 3 * boolean($supplied), 3 + 4 * boolean($supplied))}">
      <xsl:attribute name="class"><xsl:value-of select="local-name()"/></xsl:attribute>
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
      <xsl:if test="$supplied">
        <xsl:variable name="level"><xsl:call-template name="heading-level"/></xsl:variable>
        <xsl:call-template name="heading">
          <xsl:with-param name="level" select="number($level)"/>
          <xsl:with-param name="content"><xsl:call-template name="list-kind"/></xsl:with-param>
          <xsl:with-param name="class" select="'head editorial'"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:apply-templates select="tei:head"/>
      <ul><xsl:apply-templates select="tei:person | tei:personGrp | tei:place | tei:org" mode="register"/></ul>
      <xsl:apply-templates select="tei:listPerson | tei:listPlace | tei:listOrg"/>
    </xsl:element>
  </xsl:template>

  <!-- What a list of the register kind holds, as a heading: "Persons", "Places"... -->
  <xsl:template name="list-kind">
    <xsl:choose>
      <xsl:when test="self::tei:listPlace"><xsl:value-of select="$L[@k = 'places']"/></xsl:when>
      <xsl:when test="self::tei:listOrg"><xsl:value-of select="$L[@k = 'organisations']"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$L[@k = 'persons']"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- standOff: its lists of persons, places and organisations go to the register; what
       else it holds (a bibliography, other content) is published after the text, in main:
       a file that is only a standOff bibliography is an edition of that bibliography. -->
  <xsl:template match="tei:standOff"/>
  <xsl:template match="tei:standOff" mode="main">
    <!-- what has words to read (relations, interpretations and other data without text stay out) -->
    <xsl:variable name="content" select="*[not(self::tei:listPerson or self::tei:listPlace or self::tei:listOrg)]
        [normalize-space(.) != '' or .//tei:graphic]"/>
    <xsl:if test="$content">
      <div class="standOff" data-tei="standOff">
        <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
        <xsl:apply-templates select="$content"/>
      </div>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
